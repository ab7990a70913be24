//! One module per full-screen page.

pub mod home;
pub mod picker;
pub mod runner;
pub mod summary;
