//! Each kind's words and keymap contexts, as the runner, its view and the plain mode asked for
//! them when they matched on the kinds themselves.

use super::*;
use crate::domain::{ChoiceOption, ChoiceSource};
use crate::library::Library;

fn input(kind: StepKind) -> StepInput {
    StepInput::for_step(&kind, None, &Library::builtin().catalogs)
}

fn rating() -> StepKind {
    StepKind::Rating {
        low: "not at all".into(),
        high: "completely".into(),
    }
}

fn choice(multiple: bool) -> StepKind {
    let option = |id: &str| ChoiceOption {
        id: id.into(),
        label: id.into(),
        description: String::new(),
    };
    StepKind::Choice {
        source: ChoiceSource::Options(vec![option("yes"), option("no")]),
        multiple,
    }
}

#[test]
fn a_required_step_says_what_it_still_needs() {
    let needed = |kind, have, wanted| input(kind).input().needed(have, wanted);
    let list = || StepKind::List { min_items: 3 };
    assert_eq!(needed(list(), 1, 3), "Add 2 more items");
    assert_eq!(needed(list(), 2, 3), "Add 1 more item");
    assert_eq!(needed(list(), 0, 3), "Add at least 3 items");
    assert_eq!(needed(list(), 0, 1), "Add at least one item");
    assert_eq!(
        needed(rating(), 0, 1),
        "Choose a number with ←/→ or type it"
    );
    let rerate = StepKind::Rerate { of: "x".into() };
    assert_eq!(needed(rerate, 0, 1), "Choose a number with ←/→ or type it");
    let emotions = || StepKind::Emotions {
        suggestions: Vec::new(),
    };
    assert_eq!(needed(emotions(), 0, 1), "Name at least one feeling");
    assert_eq!(needed(choice(true), 0, 1), "Tick at least one with Space");
    let text = StepKind::Text { multiline: true };
    assert_eq!(needed(text, 0, 1), "Write something here");
    let mut rerating = EmotionsInput::rerating(Vec::new());
    assert_eq!(rerating.needed(0, 1), "Choose a number with ←/→ or type it");
    assert_eq!(rerating.plain_needed(), "a number from 0 to 100");
    rerating.rerate = false;
    assert_eq!(
        rerating.plain_needed(),
        "at least one feeling with a number"
    );
}

#[test]
fn a_list_counts_its_items_against_its_minimum() {
    let value = AnswerValue::List(vec!["a".into()]);
    let kind = StepKind::List { min_items: 2 };
    let list = StepInput::for_step(&kind, Some(&value), &Library::builtin().catalogs);
    assert_eq!(list.input().progress(), (1, 2));
    assert_eq!(list.input().plain_needed(), "at least 2 items");
    let answered = input(StepKind::Text { multiline: false });
    assert_eq!(answered.input().progress(), (0, 1));
}

#[test]
fn the_plain_mode_says_how_to_answer_each_kind() {
    let hint = |kind, has| {
        let blank = "a blank line skips it";
        input(kind).input().plain_hint(" (needed)", blank, has)
    };
    assert_eq!(
        hint(StepKind::Text { multiline: false }, false),
        "One line (needed); a blank line skips it."
    );
    assert_eq!(
        hint(StepKind::Text { multiline: true }, true),
        "Write as many lines as you need (needed); a blank line ends the answer (a blank first line keeps your answer)."
    );
    assert_eq!(
        hint(StepKind::List { min_items: 2 }, false),
        "One item per line, at least 2; a blank line ends the list."
    );
    assert_eq!(
        hint(rating(), false),
        "A number from 0 to 100 (0 = not at all, 100 = completely) (needed); a blank line skips it."
    );
    assert_eq!(
        hint(choice(true), false),
        "Type the numbers or ids of all that fit, separated by commas (needed); a blank line skips it."
    );
    assert_eq!(
        hint(choice(false), false),
        "Type one number or id (needed); a blank line skips it."
    );
    let card = StepKind::Info {
        body: "Read me.".into(),
        card: String::new(),
    };
    assert_eq!(hint(card.clone(), false), "Press Enter to go on.");
    assert_eq!(input(card).input().plain_text(), ["", "Read me."]);
    assert_eq!(
        input(choice(false)).input().plain_options(),
        ["  1. yes", "  2. no"]
    );
}

#[test]
fn each_kind_is_in_its_keymap_contexts() {
    let contexts = |kind| input(kind).contexts();
    assert_eq!(
        contexts(StepKind::Text { multiline: false }),
        [Context::SingleLineStep, Context::TextStep]
    );
    assert_eq!(contexts(rating()), [Context::RatingStep, Context::NonText]);
    assert_eq!(
        contexts(choice(true)),
        [Context::ChoiceStep, Context::NonText]
    );
    let questions = StepKind::Questions {
        items: vec!["Is it true?".into()],
    };
    assert_eq!(
        contexts(questions),
        [Context::QuestionsStep, Context::TextStep]
    );
    let mut list = input(StepKind::List { min_items: 0 });
    assert_eq!(list.contexts(), [Context::ListInput, Context::TextStep]);
    if let StepInput::List(list) = &mut list {
        list.items.push("a".into());
        list.focus = Focus::Item(0);
    }
    assert_eq!(list.contexts(), [Context::ListItems, Context::NonText]);
}
