//! One module per full-screen page.

pub mod cards;
pub mod home;
pub mod ladders;
pub mod picker;
pub mod runner;
pub mod summary;
