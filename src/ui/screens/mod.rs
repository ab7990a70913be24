//! One module per full-screen page.

pub mod beliefs;
pub mod cards;
pub mod detail;
pub mod history;
pub mod home;
pub mod insights;
pub mod ladder_care;
pub mod ladders;
pub mod people;
pub mod picker;
pub mod runner;
pub mod summary;
pub mod waiting;
