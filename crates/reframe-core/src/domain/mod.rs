//! The domain: exercises, records and catalogues as plain data with serde.
//!
//! Nothing here touches the disk or the terminal. The store reads and writes these types, the
//! CLI and the TUI display them, and the exchange module converts them to and from JSON.

pub mod belief;
pub mod catalog;
pub mod draft;
pub mod exercise;
pub mod exposure;
pub mod ids;
pub mod ladder;
pub mod record;
pub mod role;
pub mod safety;
pub mod summary;
pub mod trust;

pub use belief::{About, CoreBelief};
pub use catalog::{Card, Catalogs, CrisisResource, Distortion, Emotion};
pub use draft::{Draft, Purpose};
pub use exercise::{Category, ChoiceOption, ChoiceSource, Condition, Exercise, Step, StepKind};
pub use ladder::{Attempt, ClimbRule, Ladder, Nudge, Rung};
pub use record::{
    Answer, AnswerKind, AnswerValue, EmotionRating, FollowUp, QuestionAnswer, Record,
};
pub use role::{Phase, Role};
pub use safety::{CrisisCues, OfferReason};
pub use summary::{Rerating, Summary};
