//! What the plain mode prints, as plain lines: a step (progress, what is pinned, the prompt,
//! guidance, how to answer), an answer, the review, the crisis lines, the warning signs and
//! the page after a yes to the safety question. No colours, no boxes, no cursor movement;
//! the caller writes every line through the terminal-safety rule ([`crate::cli::output::Inert`]).

use crate::app::inputs::{ChoiceItem, StepInput};
use crate::app::runner::Runner;
use crate::domain::catalog::Crisis;
use crate::domain::safety::{STOP_EXERCISE, WARNING_SIGNS, WARNING_SIGNS_FALLBACK};
use crate::domain::{AnswerValue, Catalogs, OfferReason, Record, Role};
use crate::exchange::value::{Piece, Readable, readable};

/// The words that steer the conversation, said once at the start.
pub const WORDS: &str = "Type an answer and press Enter. On a line of its own, `help` shows people you can talk to now, `signs` the warning signs in a relationship, `back` goes to the previous step, and `quit` stops and keeps your answers as a draft.";

/// The crisis card (the TUI's F2): the notice, every resource, how to change the list.
pub fn crisis(crisis: &Crisis) -> Vec<String> {
    let mut lines = vec![
        "Need help now".to_string(),
        crisis.notice.clone(),
        String::new(),
    ];
    lines.extend(resources(crisis, false));
    if !crisis.editing.is_empty() {
        lines.push(String::new());
        lines.push(crisis.editing.clone());
    }
    lines
}

/// Each resource as the TUI lists it: name and region, the contact, what it is for.
fn resources(crisis: &Crisis, abuse_first: bool) -> Vec<String> {
    let mut lines = Vec::new();
    for resource in crisis.in_order(abuse_first) {
        lines.push(format!("{} ({})", resource.name, resource.region));
        lines.push(format!("  {}", resource.contact));
        if !resource.description.is_empty() {
            lines.push(format!("  {}", resource.description));
        }
    }
    lines
}

/// The warning-signs card (the TUI's F4): its title, then its paragraphs.
pub fn warning_signs(catalogs: &Catalogs) -> Vec<String> {
    let (title, body) = match catalogs.card(WARNING_SIGNS) {
        Some(card) => (card.title.clone(), card.body.clone()),
        None => (
            WARNING_SIGNS_FALLBACK.0.to_string(),
            WARNING_SIGNS_FALLBACK.1.to_string(),
        ),
    };
    let mut lines = vec![title];
    for paragraph in body.split("\n\n") {
        lines.push(paragraph.to_string());
        lines.push(String::new());
    }
    lines
}

/// The page after a yes to the safety question, in the TUI's words and order: why the
/// exercise stopped, the lines to call (domestic-abuse lines first), the warning signs.
pub fn safety_stop(catalogs: &Catalogs) -> Vec<String> {
    let (heading, why) = STOP_EXERCISE;
    let mut lines = vec![
        "Your safety comes first".to_string(),
        heading.to_string(),
        String::new(),
        why.to_string(),
        String::new(),
        "People you can talk to now".to_string(),
    ];
    lines.extend(resources(&catalogs.crisis, true));
    lines.push(String::new());
    lines.extend(warning_signs(catalogs));
    lines
}

/// The one-line offer of help, made once when the answers call for it.
pub fn offer(reason: &OfferReason) -> String {
    format!(
        "{} You don't have to hold it alone: type `help` to see people you can talk to now.",
        reason.opening()
    )
}

/// The current step: progress, what is pinned above it, the prompt, guidance and example,
/// the questions of the picked traps, what was noted before, and the answer so far.
pub fn step(runner: &Runner, catalogs: &Catalogs) -> Vec<String> {
    let step = runner.current();
    let mut lines = vec![String::new(), runner.progress_label()];
    if let Some(pinned) = runner.pinned_view() {
        lines.push(format!("{}:", pinned.title.trim()));
        for answer in &pinned.answers {
            lines.extend(indented(value(answer, None, catalogs), "  "));
        }
    }
    lines.push(step.prompt.clone());
    if !step.guidance.is_empty() {
        lines.push(step.guidance.clone());
    }
    if !step.example.is_empty() {
        lines.push(format!("For example: {}", step.example));
    }
    let input = runner.inputs[runner.step].input();
    lines.extend(input.plain_text());
    let questions = runner.trap_questions(catalogs);
    if !questions.is_empty() {
        lines.push("Questions that can loosen the traps you picked:".into());
        lines.extend(questions.iter().map(|q| format!("  - {q}")));
    }
    if let Some((_, items)) = runner.offered() {
        let heading = match step.role {
            Role::HotThought => "Your thoughts so far:",
            _ => "You noted before, against the same belief or traps:",
        };
        lines.push(heading.into());
        lines.extend(items.iter().map(|i| format!("  - {i}")));
    }
    lines.extend(input.plain_options());
    lines
}

/// How to answer the current step, in one line.
pub fn how_to_answer(runner: &Runner) -> String {
    let step = runner.current();
    let has = runner.value(runner.step).is_some();
    let need = if step.required { " (needed)" } else { "" };
    let blank = match (has, step.required) {
        (true, _) => "a blank line keeps your answer",
        (false, true) => "this step needs an answer",
        (false, false) => "a blank line skips it",
    };
    runner.inputs[runner.step]
        .input()
        .plain_hint(need, blank, has)
}

/// Why a required step still needs an answer, in the plain mode's terms.
pub fn still_needed(runner: &Runner, index: usize) -> String {
    let what = runner.inputs[index].input().plain_needed();
    format!("This step needs an answer before moving on: {what}. The later steps build on it.")
}

/// An answer as lines: text as written, one item or feeling per line, picks by name.
pub fn value(
    value: &AnswerValue,
    items: Option<&[ChoiceItem]>,
    catalogs: &Catalogs,
) -> Vec<String> {
    let name_of = |id| {
        items
            .and_then(|items| items.iter().find(|i| i.id == id))
            .map_or_else(|| catalogs.distortion_name(id), |i| i.label.as_str())
    };
    match readable(value, name_of) {
        Readable::Text(text) => text.lines().map(str::to_string).collect(),
        Readable::Number(v) => vec![format!("{v} of 100")],
        Readable::Items(items) => items
            .iter()
            .flat_map(|item| match (item.about, item.value) {
                (Some(name), Piece::Number(n)) => vec![format!("{name} {n}")],
                (Some(question), Piece::Text(answer)) => std::iter::once(question.to_string())
                    .chain(answer.lines().map(|l| format!("  {l}")))
                    .collect(),
                (None, _) => vec![format!("- {}", item.shown())],
            })
            .collect(),
    }
}

/// Lines with `prefix` before each.
pub fn indented(lines: Vec<String>, prefix: &str) -> Vec<String> {
    lines.into_iter().map(|l| format!("{prefix}{l}")).collect()
}

/// The review: every step on the path that asks something, numbered, with its answer; the
/// answers kept from an earlier version of the exercise; what to type next.
pub fn review(runner: &Runner, rows: &[usize], catalogs: &Catalogs) -> Vec<String> {
    let mut lines = vec![String::new(), "Review your answers".to_string()];
    for (n, &index) in rows.iter().enumerate() {
        let step = &runner.exercise.steps[index];
        lines.push(format!("{}. {}", n + 1, step.prompt));
        let items = match &runner.inputs[index] {
            StepInput::Choice(c) => Some(c.items.as_slice()),
            _ => None,
        };
        match runner.value(index) {
            Some(answer) => lines.extend(indented(value(&answer, items, catalogs), "   ")),
            None => lines.push("   (no answer)".into()),
        }
    }
    if !runner.kept.is_empty() {
        lines.push("Kept from an earlier version of this exercise (saved as they are):".into());
        for kept in &runner.kept {
            lines.push(format!("- {}", kept.answer.prompt));
            lines.extend(indented(value(&kept.answer.value, None, catalogs), "   "));
        }
    }
    lines.push(String::new());
    lines.push(format!(
        "Type `y` to save, a number from 1 to {} to change that answer, `back` for the last step, or `quit` to stop and keep a draft.",
        rows.len()
    ));
    lines
}

/// After saving: the record's id and what changed (belief and feelings, before → after).
pub fn saved(record: &Record) -> Vec<String> {
    let mut lines = vec![String::new(), format!("Saved: {}", record.id)];
    let mut parts = Vec::new();
    if let Some(before) = record.rating(Role::BeliefBefore) {
        let after = record
            .rating(Role::BeliefAfter)
            .map_or_else(|| "—".to_string(), |v| v.to_string());
        parts.push(format!("belief {before} → {after}"));
    }
    if let Some(before) = record.mean_emotion(Role::EmotionsBefore) {
        let after = record
            .mean_emotion(Role::EmotionsAfter)
            .map_or_else(|| "—".to_string(), |v| v.to_string());
        parts.push(format!("feelings (mean) {before} → {after}"));
    }
    if !parts.is_empty() {
        lines.push(format!("What changed: {}.", parts.join(", ")));
    }
    lines.push(format!(
        "`reframe show {}` shows the whole record.",
        record.id
    ));
    lines
}
