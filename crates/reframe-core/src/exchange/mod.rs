//! Getting records out and back in: the JSON exchange format (stable, documented in the README),
//! Markdown for a therapist, and CSV for a spreadsheet; and bringing records in from other apps
//! (FreeCBT and Quirk backups, jrnl exports), with the format told from the content.
//!
//!
//! JSON keeps text exactly (characters that act on a terminal are escaped as `\uXXXX`);
//! Markdown and CSV are for people and programs that show text, so those characters are
//! shown as visible symbols there (see [`crate::text::inert`]), whether the output goes to a
//! terminal or a file someone may later `cat`.

pub mod convert;
pub mod csv;
pub mod detect;
pub mod freecbt;
pub mod jrnl;
pub mod json;
pub mod markdown;
pub mod value;

use crate::domain::{AnswerValue, Catalogs, CoreBelief, Ladder};

/// What the readable exports need besides the records: the catalogues (distortion names),
/// the core-belief ledger (names of linked beliefs) and the ladders.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub catalogs: &'a Catalogs,
    pub beliefs: &'a [CoreBelief],
    pub ladders: &'a [Ladder],
    /// Whether every record is exported: a whole Markdown export ends with the belief
    /// ledger and the ladders.
    pub whole: bool,
}

impl<'a> Context<'a> {
    /// Only the catalogues: linked beliefs are shown by id and no ladders are listed.
    pub fn catalogs(catalogs: &'a Catalogs) -> Context<'a> {
        Context {
            catalogs,
            beliefs: &[],
            ladders: &[],
            whole: false,
        }
    }

    /// The name of a linked core belief, if the ledger has it.
    pub fn belief_name(&self, id: &str) -> Option<&'a str> {
        self.beliefs
            .iter()
            .find(|b| b.id == id)
            .map(|b| b.name.as_str())
    }
}

/// An answer's value as one readable line: lists joined with `; `, emotions as `anxious 70`,
/// distortion ids as their names.
pub fn value_inline(value: &AnswerValue, catalogs: &Catalogs) -> String {
    value::readable(value, |id| catalogs.distortion_name(id)).inline()
}
