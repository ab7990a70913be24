//! Every key binding in one table. The app looks keys up here, and the help screen and footers
//! are generated from the same table, so help can never go stale.
//!
//! Bindings belong to a [`Context`]; the app asks with the stack of contexts active right now,
//! most specific first (e.g. `[RatingStep, NonText, Runner, Global]`).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Global,
    /// Any screen or widget that does not take typed text (so `?`, `!`, `q`, vim keys work).
    NonText,
    Home,
    Picker,
    Runner,
    TextStep,
    SingleLineStep,
    /// The text editor's own keys, listed in help for every typing context.
    Editing,
    ListInput,
    ListItems,
    EmotionInput,
    EmotionRows,
    /// Re-rating the emotions of an earlier step (the rows mirror that step).
    RerateRows,
    RatingStep,
    ChoiceStep,
    QuestionsStep,
    InfoStep,
    Review,
    /// A step opened from the review page (Esc goes back there).
    FromReview,
    ReviewLink,
    /// Rewriting an answer kept from an earlier version of the exercise.
    ReviewRetype,
    Summary,
    Overlay,
    LeaveDialog,
    ConflictDialog,
    History,
    HistorySearch,
    HistoryFilter,
    Detail,
    DetailRevisit,
    /// Typing tags or an export path on a record.
    DetailLine,
    /// Typing tags: the suggested tags can be taken.
    DetailTags,
    DetailConfirm,
    /// The export path names a file that is already there.
    DetailOverwrite,
    Insights,
    Beliefs,
    /// Typing a core belief's new name.
    BeliefRename,
    /// Choosing a belief to merge into, or a record to unlink.
    BeliefChoose,
    /// Confirming a merge or a delete of a core belief.
    BeliefConfirm,
    People,
    Waiting,
    LadderList,
    LadderView,
    /// The ladder builder, whichever field has the focus.
    Builder,
    BuilderText,
    BuilderSuds,
    BuilderRungs,
    Cards,
    /// The page shown when the safety question was answered yes.
    SafetyStop,
    /// The first-run welcome window.
    Welcome,
    /// A yes/no question about a ladder (does it involve a specific person; are they safe).
    LadderQuestion,
    /// Choosing a ready-made ladder.
    LadderTemplates,
}

impl Context {
    /// The heading of this context's section in the help screen.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::NonText => "Where you are not typing",
            Context::Home => "Home",
            Context::Picker => "Choose an exercise",
            Context::Runner => "Every step",
            Context::TextStep => "Writing",
            Context::SingleLineStep => "One-line answer",
            Context::Editing => "Editing text",
            Context::ListInput => "List: new item",
            Context::ListItems => "List: items",
            Context::EmotionInput => "Emotions: naming",
            Context::EmotionRows => "Emotions: rating",
            Context::RerateRows => "Emotions: re-rating",
            Context::RatingStep => "Rating",
            Context::ChoiceStep => "Checklist",
            Context::QuestionsStep => "Questions",
            Context::InfoStep => "Card",
            Context::Review => "Review",
            Context::FromReview => "Opened from the review page",
            Context::ReviewLink => "Linking a core belief",
            Context::ReviewRetype => "Rewriting an earlier answer",
            Context::Summary => "Saved",
            Context::Overlay => "This window",
            Context::LeaveDialog => "Leaving the exercise",
            Context::ConflictDialog => "The record changed meanwhile",
            Context::History => "History",
            Context::HistorySearch => "Searching",
            Context::HistoryFilter => "Filtering",
            Context::Detail => "A record",
            Context::DetailRevisit => "Re-rating today",
            Context::DetailLine => "Typing",
            Context::DetailConfirm => "Deleting",
            Context::DetailOverwrite => "Replacing a file",
            Context::Insights => "Insights",
            Context::DetailTags => "Tags",
            Context::Beliefs => "Core beliefs",
            Context::BeliefRename => "Renaming a belief",
            Context::BeliefChoose => "Choosing",
            Context::BeliefConfirm => "Are you sure?",
            Context::People => "People (trust ledger)",
            Context::Waiting => "Waiting for you",
            Context::LadderList => "Exposure ladders",
            Context::LadderView => "A ladder",
            Context::Builder => "Building a ladder",
            Context::BuilderText => "Goal and step text",
            Context::BuilderSuds => "Predicted SUDS",
            Context::BuilderRungs => "The steps so far",
            Context::Cards => "Short reads",
            Context::SafetyStop => "Warning signs and support",
            Context::Welcome => "Welcome",
            Context::LadderQuestion => "A question about this ladder",
            Context::LadderTemplates => "Ready-made ladders",
        }
    }
}

/// One key and what it does in one context.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub action: Action,
    /// How the key is written in help and footers.
    pub label: &'static str,
    /// What it does, in a few words.
    pub help: &'static str,
    /// The footer's short text for it, if the footer shows it.
    pub footer: Option<&'static str>,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const ALT: KeyModifiers = KeyModifiers::ALT;

macro_rules! bind {
    ($ctx:ident, $code:expr, $mods:expr, $action:expr, $label:literal, $help:literal) => {
        bind!(@ $ctx, $code, $mods, $action, $label, $help, None)
    };
    ($ctx:ident, $code:expr, $mods:expr, $action:expr, $label:literal, $help:literal, $footer:literal) => {
        bind!(@ $ctx, $code, $mods, $action, $label, $help, Some($footer))
    };
    (@ $ctx:ident, $code:expr, $mods:expr, $action:expr, $label:literal, $help:literal, $footer:expr) => {
        Binding {
            context: Context::$ctx,
            code: $code,
            mods: $mods,
            action: $action,
            label: $label,
            help: $help,
            footer: $footer,
        }
    };
}

use Action as A;
use KeyCode as K;

/// The whole keymap.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind!(Global, K::F(1), NONE, A::Help, "F1", "keys of this screen", "keys"),
    bind!(Global, K::F(2), NONE, A::Safety, "F2", "need help now", "help now"),
    bind!(Global, K::Char('c'), CTRL, A::Quit, "Ctrl-C", "quit (drafts are kept)"),
    bind!(Global, K::F(4), NONE, A::WarningSigns, "F4", "warning signs in a relationship"),
    bind!(NonText, K::Char('?'), NONE, A::Help, "?", "keys of this screen"),
    bind!(NonText, K::Char('!'), NONE, A::Safety, "!", "need help now"),
    // Home
    bind!(Home, K::Char('n'), NONE, A::NewDefault, "n", "new record (default exercise)", "new"),
    bind!(Home, K::Char('c'), NONE, A::ChooseExercise, "c", "choose an exercise", "choose"),
    bind!(Home, K::Char('r'), NONE, A::Resume, "r", "resume the unfinished draft"),
    bind!(Home, K::Char('h'), NONE, A::History, "h", "history"),
    bind!(Home, K::Char('i'), NONE, A::Insights, "i", "insights"),
    bind!(Home, K::Char('l'), NONE, A::Ladders, "l", "exposure ladders"),
    bind!(Home, K::Char('b'), NONE, A::Beliefs, "b", "core beliefs"),
    bind!(Home, K::Char('p'), NONE, A::People, "p", "people: the trust ledger"),
    bind!(Home, K::Char('s'), NONE, A::Cards, "s", "short reads about trust, attachment and CBT"),
    bind!(Home, K::Char('w'), NONE, A::Waiting, "w", "what is waiting: outcomes, revisits, ladder steps"),
    bind!(Home, K::Up, NONE, A::Up, "↑", "move up"),
    bind!(Home, K::Char('k'), NONE, A::Up, "k", "move up"),
    bind!(Home, K::Down, NONE, A::Down, "↓", "move down"),
    bind!(Home, K::Char('j'), NONE, A::Down, "j", "move down"),
    bind!(Home, K::Enter, NONE, A::Confirm, "Enter", "open", "open"),
    bind!(Home, K::Char('q'), NONE, A::Quit, "q", "quit", "quit"),
    // Picker
    bind!(Picker, K::Up, NONE, A::Up, "↑", "move up"),
    bind!(Picker, K::Down, NONE, A::Down, "↓", "move down"),
    bind!(Picker, K::PageUp, NONE, A::PageUp, "PgUp", "page up"),
    bind!(Picker, K::PageDown, NONE, A::PageDown, "PgDn", "page down"),
    bind!(Picker, K::Enter, NONE, A::Confirm, "Enter", "start the exercise", "start"),
    bind!(Picker, K::Esc, NONE, A::Back, "Esc", "back home", "back"),
    bind!(Picker, K::F(4), NONE, A::WarningSigns, "F4", "warning signs in a relationship", "warning signs"),
    // Runner, every step
    bind!(Runner, K::Tab, NONE, A::NextStep, "Tab", "next step", "next"),
    bind!(Runner, K::BackTab, NONE, A::PrevStep, "Shift-Tab", "previous step", "back"),
    bind!(Runner, K::F(3), NONE, A::ToggleGuidance, "F3", "show or hide guidance"),
    bind!(Runner, K::Esc, NONE, A::Back, "Esc", "leave (keep or discard the draft)", "leave"),
    // Text
    bind!(TextStep, K::Char('o'), CTRL, A::OpenEditor, "Ctrl-O", "open in $EDITOR", "editor"),
    bind!(TextStep, K::Char('z'), CTRL, A::Undo, "Ctrl-Z", "undo (also Ctrl-U; Ctrl-R redo)"),
    bind!(SingleLineStep, K::Enter, NONE, A::NextStep, "Enter", "next step"),
    bind!(TextStep, K::Char('1'), ALT, A::UseEarlier(1), "Alt-1…9", "copy a thought listed earlier"),
    bind!(TextStep, K::Char('2'), ALT, A::UseEarlier(2), "Alt-1…9", "copy a thought listed earlier"),
    bind!(TextStep, K::Char('3'), ALT, A::UseEarlier(3), "Alt-1…9", "copy a thought listed earlier"),
    bind!(TextStep, K::Char('4'), ALT, A::UseEarlier(4), "Alt-1…9", "copy a thought listed earlier"),
    bind!(TextStep, K::Char('5'), ALT, A::UseEarlier(5), "Alt-1…9", "copy a thought listed earlier"),
    bind!(TextStep, K::Char('6'), ALT, A::UseEarlier(6), "Alt-1…9", "copy a thought listed earlier"),
    bind!(TextStep, K::Char('7'), ALT, A::UseEarlier(7), "Alt-1…9", "copy a thought listed earlier"),
    bind!(TextStep, K::Char('8'), ALT, A::UseEarlier(8), "Alt-1…9", "copy a thought listed earlier"),
    bind!(TextStep, K::Char('9'), ALT, A::UseEarlier(9), "Alt-1…9", "copy a thought listed earlier"),
    // Keys the text editor handles itself, listed so help is complete (never looked up).
    bind!(Editing, K::Left, CTRL, A::EditText, "Ctrl-←/→", "word left / right (also Alt-B / Alt-F)"),
    bind!(Editing, K::Home, NONE, A::EditText, "Home/End", "start / end of the line (also Ctrl-A / Ctrl-E)"),
    bind!(Editing, K::Char('u'), CTRL, A::EditText, "Ctrl-U/R", "undo / redo"),
    bind!(Editing, K::Char('w'), CTRL, A::EditText, "Ctrl-W", "delete the word before the cursor (also Alt-Backspace)"),
    bind!(Editing, K::Char('k'), CTRL, A::EditText, "Ctrl-K", "delete to the end of the line"),
    bind!(Editing, K::Char('y'), CTRL, A::EditText, "Ctrl-Y", "paste what was deleted"),
    bind!(Editing, K::Enter, NONE, A::EditText, "Enter", "new line (in a multi-line answer)"),
    // List
    bind!(ListInput, K::Enter, NONE, A::Confirm, "Enter", "add the item (empty: next step)", "add"),
    bind!(ListInput, K::Up, NONE, A::Up, "↑", "go to the items"),
    bind!(ListItems, K::Up, NONE, A::Up, "↑/k", "move up"),
    bind!(ListItems, K::Char('k'), NONE, A::Up, "↑/k", "move up"),
    bind!(ListItems, K::Down, NONE, A::Down, "↓/j", "move down"),
    bind!(ListItems, K::Char('j'), NONE, A::Down, "↓/j", "move down"),
    bind!(ListItems, K::Up, ALT, A::MoveItemUp, "Alt-↑/K", "move the item up"),
    bind!(ListItems, K::Char('K'), NONE, A::MoveItemUp, "Alt-↑/K", "move the item up"),
    bind!(ListItems, K::Down, ALT, A::MoveItemDown, "Alt-↓/J", "move the item down"),
    bind!(ListItems, K::Char('J'), NONE, A::MoveItemDown, "Alt-↓/J", "move the item down"),
    bind!(ListItems, K::Enter, NONE, A::EditItem, "Enter/e", "edit the item", "edit"),
    bind!(ListItems, K::Char('e'), NONE, A::EditItem, "Enter/e", "edit the item"),
    bind!(ListItems, K::Delete, NONE, A::DeleteItem, "Del/d", "delete the item", "delete"),
    bind!(ListItems, K::Char('d'), NONE, A::DeleteItem, "Del/d", "delete the item"),
    bind!(ListItems, K::Esc, NONE, A::Back, "Esc", "back to the new-item line", "new-item line"),
    // Emotions
    bind!(EmotionInput, K::Enter, NONE, A::Confirm, "Enter", "add the emotion (empty: next step)", "add"),
    bind!(EmotionInput, K::Right, NONE, A::Complete, "→", "complete from the list (at the end)"),
    bind!(EmotionInput, K::Up, NONE, A::Up, "↑", "go to the rated emotions"),
    bind!(EmotionRows, K::Up, NONE, A::Up, "↑", "move up"),
    bind!(EmotionRows, K::Down, NONE, A::Down, "↓", "move down (past the last: name another)"),
    bind!(EmotionRows, K::Left, NONE, A::Adjust(-5), "←", "less (−5)", "−5"),
    bind!(EmotionRows, K::Right, NONE, A::Adjust(5), "→", "more (+5)", "+5"),
    bind!(EmotionRows, K::Left, SHIFT, A::Adjust(-1), "Shift-←", "less (−1)"),
    bind!(EmotionRows, K::Right, SHIFT, A::Adjust(1), "Shift-→", "more (+1)"),
    bind!(EmotionRows, K::Delete, NONE, A::DeleteItem, "Del", "remove the emotion"),
    bind!(EmotionRows, K::Enter, NONE, A::Back, "Enter", "done rating: name another or move on"),
    bind!(EmotionRows, K::Esc, NONE, A::Back, "Esc", "back to naming"),
    bind!(RerateRows, K::Up, NONE, A::Up, "↑", "move up"),
    bind!(RerateRows, K::Down, NONE, A::Down, "↓", "move down (past the last: name a new feeling)"),
    bind!(RerateRows, K::Esc, NONE, A::Back, "Esc", "name a new feeling (relief, hope …)"),
    bind!(RerateRows, K::Left, NONE, A::Adjust(-5), "←", "less (−5)", "−5"),
    bind!(RerateRows, K::Right, NONE, A::Adjust(5), "→", "more (+5)", "+5"),
    bind!(RerateRows, K::Left, SHIFT, A::Adjust(-1), "Shift-←", "less (−1)"),
    bind!(RerateRows, K::Right, SHIFT, A::Adjust(1), "Shift-→", "more (+1)"),
    bind!(RerateRows, K::Delete, NONE, A::DeleteItem, "Del", "remove a feeling the earlier step no longer names"),
    bind!(RerateRows, K::Enter, NONE, A::NextStep, "Enter", "next step"),
    // Rating
    bind!(RatingStep, K::Left, NONE, A::Adjust(-5), "←/h", "less (−5)", "−5"),
    bind!(RatingStep, K::Char('h'), NONE, A::Adjust(-5), "←/h", "less (−5)"),
    bind!(RatingStep, K::Right, NONE, A::Adjust(5), "→/l", "more (+5)", "+5"),
    bind!(RatingStep, K::Char('l'), NONE, A::Adjust(5), "→/l", "more (+5)"),
    bind!(RatingStep, K::Left, SHIFT, A::Adjust(-1), "Shift-←/H", "less (−1)"),
    bind!(RatingStep, K::Char('H'), NONE, A::Adjust(-1), "Shift-←/H", "less (−1)"),
    bind!(RatingStep, K::Right, SHIFT, A::Adjust(1), "Shift-→/L", "more (+1)"),
    bind!(RatingStep, K::Char('L'), NONE, A::Adjust(1), "Shift-→/L", "more (+1)"),
    bind!(RatingStep, K::Home, NONE, A::SetMin, "Home", "0"),
    bind!(RatingStep, K::End, NONE, A::SetMax, "End", "100"),
    bind!(RatingStep, K::Enter, NONE, A::NextStep, "Enter", "next step"),
    // Choice
    bind!(ChoiceStep, K::Up, NONE, A::Up, "↑/k", "move up"),
    bind!(ChoiceStep, K::Char('k'), NONE, A::Up, "↑/k", "move up"),
    bind!(ChoiceStep, K::Down, NONE, A::Down, "↓/j", "move down"),
    bind!(ChoiceStep, K::Char('j'), NONE, A::Down, "↓/j", "move down"),
    bind!(ChoiceStep, K::PageUp, NONE, A::PageUp, "PgUp", "page up"),
    bind!(ChoiceStep, K::PageDown, NONE, A::PageDown, "PgDn", "page down"),
    bind!(ChoiceStep, K::Char(' '), NONE, A::Toggle, "Space", "tick or untick", "tick"),
    bind!(ChoiceStep, K::Enter, NONE, A::NextStep, "Enter", "next step"),
    // Questions
    bind!(QuestionsStep, K::Char('o'), CTRL, A::OpenEditor, "Ctrl-O", "open in $EDITOR"),
    bind!(QuestionsStep, K::Char('z'), CTRL, A::Undo, "Ctrl-Z", "undo"),
    // Info
    bind!(InfoStep, K::Enter, NONE, A::NextStep, "Enter", "next step"),
    bind!(InfoStep, K::Down, NONE, A::Down, "↓/j", "scroll"),
    bind!(InfoStep, K::Char('j'), NONE, A::Down, "↓/j", "scroll"),
    bind!(InfoStep, K::Up, NONE, A::Up, "↑/k", "scroll back"),
    bind!(InfoStep, K::Char('k'), NONE, A::Up, "↑/k", "scroll back"),
    // A step opened from the review page
    bind!(FromReview, K::Esc, NONE, A::Review, "Esc", "back to the review page (the answer is kept)", "back to review"),
    // Review
    bind!(Review, K::Up, NONE, A::Up, "↑/k", "move up"),
    bind!(Review, K::Char('k'), NONE, A::Up, "↑/k", "move up"),
    bind!(Review, K::Down, NONE, A::Down, "↓/j", "move down"),
    bind!(Review, K::Char('j'), NONE, A::Down, "↓/j", "move down"),
    bind!(Review, K::Enter, NONE, A::Confirm, "Enter", "edit this answer", "edit"),
    bind!(Review, K::Char('s'), NONE, A::Save, "s", "save the record", "save"),
    bind!(Review, K::Char('s'), CTRL, A::Save, "Ctrl-S", "save the record"),
    bind!(Review, K::BackTab, NONE, A::PrevStep, "Shift-Tab", "back to the last step"),
    bind!(Review, K::Char('b'), NONE, A::LinkBelief, "b", "link to a core belief", "link belief"),
    bind!(Review, K::Char('u'), NONE, A::DeleteItem, "u", "unlink the last core belief"),
    bind!(Review, K::Char('d'), NONE, A::RemoveAnswer, "d/Del", "remove an answer from an earlier version of the exercise"),
    bind!(Review, K::Delete, NONE, A::RemoveAnswer, "d/Del", "remove an answer from an earlier version of the exercise"),
    bind!(ReviewLink, K::Enter, NONE, A::Confirm, "Enter", "link this belief (new names are added to the ledger)", "link"),
    bind!(ReviewLink, K::Tab, NONE, A::Complete, "Tab/→", "take the name suggested from your ledger", "take"),
    bind!(ReviewLink, K::Right, NONE, A::Complete, "Tab/→", "take the name suggested from your ledger (at the end)"),
    bind!(ReviewLink, K::Esc, NONE, A::Back, "Esc", "cancel", "cancel"),
    bind!(ReviewRetype, K::Enter, NONE, A::Confirm, "Enter", "keep the rewritten answer", "keep"),
    bind!(ReviewRetype, K::Esc, NONE, A::Back, "Esc", "cancel: leave it as it was", "cancel"),
    bind!(Review, K::Esc, NONE, A::Back, "Esc", "leave (keep or discard the draft)", "leave"),
    // Summary
    bind!(Summary, K::Enter, NONE, A::Back, "Enter", "back home", "back"),
    bind!(Summary, K::Esc, NONE, A::Back, "Esc", "back home"),
    bind!(Summary, K::Char('q'), NONE, A::Quit, "q", "quit", "quit"),
    // Help and safety windows
    bind!(Overlay, K::Esc, NONE, A::Back, "Esc", "close", "close"),
    bind!(Overlay, K::Enter, NONE, A::Back, "Enter", "close"),
    bind!(Overlay, K::Char('q'), NONE, A::Back, "q", "close"),
    bind!(Overlay, K::Down, NONE, A::Down, "↓/j", "scroll"),
    bind!(Overlay, K::Char('j'), NONE, A::Down, "↓/j", "scroll"),
    bind!(Overlay, K::Up, NONE, A::Up, "↑/k", "scroll back"),
    bind!(Overlay, K::Char('k'), NONE, A::Up, "↑/k", "scroll back"),
    bind!(Overlay, K::PageDown, NONE, A::PageDown, "PgDn/PgUp", "scroll a page down / up"),
    bind!(Overlay, K::PageUp, NONE, A::PageUp, "PgDn/PgUp", "scroll a page down / up"),
    bind!(Overlay, K::Home, NONE, A::Top, "Home/End", "scroll to the top / the end"),
    bind!(Overlay, K::End, NONE, A::Bottom, "Home/End", "scroll to the top / the end"),
    bind!(Overlay, K::Char('w'), NONE, A::WarningSigns, "w", "warning signs in a relationship", "warning signs"),
    // The page after a yes to the safety question
    bind!(SafetyStop, K::Down, NONE, A::Down, "↓/j", "scroll", "scroll"),
    bind!(SafetyStop, K::Char('j'), NONE, A::Down, "↓/j", "scroll"),
    bind!(SafetyStop, K::Up, NONE, A::Up, "↑/k", "scroll back"),
    bind!(SafetyStop, K::Char('k'), NONE, A::Up, "↑/k", "scroll back"),
    bind!(SafetyStop, K::PageDown, NONE, A::PageDown, "PgDn/PgUp", "scroll a page down / up"),
    bind!(SafetyStop, K::PageUp, NONE, A::PageUp, "PgDn/PgUp", "scroll a page down / up"),
    bind!(SafetyStop, K::Home, NONE, A::Top, "Home/End", "scroll to the top / the end"),
    bind!(SafetyStop, K::End, NONE, A::Bottom, "Home/End", "scroll to the top / the end"),
    bind!(SafetyStop, K::Enter, NONE, A::Back, "Enter/Esc", "back home", "home"),
    bind!(SafetyStop, K::Esc, NONE, A::Back, "Enter/Esc", "back home"),
    bind!(SafetyStop, K::Char('q'), NONE, A::Quit, "q", "quit"),
    // First run: any key goes on
    bind!(Welcome, K::Enter, NONE, A::Back, "any key", "begin", "to begin"),
    // Leave dialog
    bind!(LeaveDialog, K::Char('k'), NONE, A::KeepDraft, "k", "keep the draft for later", "keep"),
    bind!(LeaveDialog, K::Char('d'), NONE, A::DiscardDraft, "d", "discard the draft", "discard"),
    bind!(LeaveDialog, K::Char('c'), NONE, A::Back, "c/Esc", "continue the exercise", "continue"),
    bind!(LeaveDialog, K::Esc, NONE, A::Back, "c/Esc", "continue the exercise"),
    // Conflict dialog
    bind!(ConflictDialog, K::Char('b'), NONE, A::KeepBoth, "b", "keep both: save your changes as a new record", "keep both"),
    bind!(ConflictDialog, K::Char('o'), NONE, A::Overwrite, "o", "overwrite the record with your changes", "overwrite"),
    bind!(ConflictDialog, K::Char('g'), NONE, A::Back, "g/Esc", "go back to your changes", "go back"),
    bind!(ConflictDialog, K::Esc, NONE, A::Back, "g/Esc", "go back to your changes"),
    // History
    bind!(History, K::Up, NONE, A::Up, "↑/k", "move up"),
    bind!(History, K::Char('k'), NONE, A::Up, "↑/k", "move up"),
    bind!(History, K::Down, NONE, A::Down, "↓/j", "move down"),
    bind!(History, K::Char('j'), NONE, A::Down, "↓/j", "move down"),
    bind!(History, K::PageUp, NONE, A::PageUp, "PgUp", "page up"),
    bind!(History, K::PageDown, NONE, A::PageDown, "PgDn", "page down"),
    bind!(History, K::Home, NONE, A::Top, "Home/g", "newest"),
    bind!(History, K::Char('g'), NONE, A::Top, "Home/g", "newest"),
    bind!(History, K::End, NONE, A::Bottom, "End/G", "oldest"),
    bind!(History, K::Char('G'), NONE, A::Bottom, "End/G", "oldest"),
    bind!(History, K::Enter, NONE, A::Confirm, "Enter", "open the record", "open"),
    bind!(History, K::Char('/'), NONE, A::Search, "/", "search all text as you type", "search"),
    bind!(History, K::Char('f'), NONE, A::Filter, "f", "filter (since: until: exercise: distortion: emotion: tag: belief:)", "filter"),
    bind!(History, K::Char('x'), NONE, A::ClearFilters, "x", "clear the search and filters", "clear"),
    bind!(History, K::Char('u'), NONE, A::Undo, "u", "undo the last delete"),
    bind!(History, K::Esc, NONE, A::Back, "Esc/q", "back home", "back"),
    bind!(History, K::Char('q'), NONE, A::Back, "Esc/q", "back home"),
    bind!(HistorySearch, K::Enter, NONE, A::Confirm, "Enter/↓", "keep the search and go to the list", "to the list"),
    bind!(HistorySearch, K::Down, NONE, A::Down, "Enter/↓", "keep the search and go to the list"),
    bind!(HistorySearch, K::Esc, NONE, A::Back, "Esc", "clear the search", "clear"),
    bind!(HistoryFilter, K::Enter, NONE, A::Confirm, "Enter", "apply the filters", "apply"),
    bind!(HistoryFilter, K::Esc, NONE, A::Back, "Esc", "cancel", "cancel"),
    // A record
    bind!(Detail, K::Down, NONE, A::Down, "↓/j", "scroll"),
    bind!(Detail, K::Char('j'), NONE, A::Down, "↓/j", "scroll"),
    bind!(Detail, K::Up, NONE, A::Up, "↑/k", "scroll back"),
    bind!(Detail, K::Char('k'), NONE, A::Up, "↑/k", "scroll back"),
    bind!(Detail, K::PageDown, NONE, A::PageDown, "PgDn", "page down"),
    bind!(Detail, K::PageUp, NONE, A::PageUp, "PgUp", "page up"),
    bind!(Detail, K::Char('v'), NONE, A::Revisit, "v", "revisit: re-rate it today", "revisit"),
    bind!(Detail, K::Char('t'), NONE, A::EditTags, "t", "edit the tags", "tags"),
    bind!(Detail, K::Char('e'), NONE, A::EditItem, "e", "edit the answers", "edit"),
    bind!(Detail, K::Char('d'), NONE, A::DeleteItem, "d", "delete (to the trash)", "delete"),
    bind!(Detail, K::Char('x'), NONE, A::Export, "x", "export as Markdown", "export"),
    bind!(Detail, K::Char('y'), NONE, A::CopyToClipboard, "y", "copy as Markdown to the clipboard (if the terminal allows)"),
    bind!(Detail, K::Esc, NONE, A::Back, "Esc/q", "back to the history", "back"),
    bind!(Detail, K::Char('q'), NONE, A::Back, "Esc/q", "back to the history"),
    bind!(DetailRevisit, K::Left, NONE, A::Adjust(-5), "←/h", "less (−5)", "−5"),
    bind!(DetailRevisit, K::Char('h'), NONE, A::Adjust(-5), "←/h", "less (−5)"),
    bind!(DetailRevisit, K::Right, NONE, A::Adjust(5), "→/l", "more (+5)", "+5"),
    bind!(DetailRevisit, K::Char('l'), NONE, A::Adjust(5), "→/l", "more (+5)"),
    bind!(DetailRevisit, K::Left, SHIFT, A::Adjust(-1), "Shift-←", "less (−1)"),
    bind!(DetailRevisit, K::Right, SHIFT, A::Adjust(1), "Shift-→", "more (+1)"),
    bind!(DetailRevisit, K::Tab, NONE, A::NextStep, "Tab/↑/↓", "the other rating", "other"),
    bind!(DetailRevisit, K::Up, NONE, A::Up, "Tab/↑/↓", "the other rating"),
    bind!(DetailRevisit, K::Down, NONE, A::Down, "Tab/↑/↓", "the other rating"),
    bind!(DetailRevisit, K::Enter, NONE, A::Confirm, "Enter", "save the re-rating", "save"),
    bind!(DetailRevisit, K::Esc, NONE, A::Back, "Esc", "cancel", "cancel"),
    bind!(DetailTags, K::Tab, NONE, A::Complete, "Tab", "take the first suggested tag", "take tag"),
    bind!(DetailLine, K::Enter, NONE, A::Confirm, "Enter", "save", "save"),
    bind!(DetailLine, K::Esc, NONE, A::Back, "Esc", "cancel", "cancel"),
    bind!(DetailConfirm, K::Char('y'), NONE, A::Yes, "y", "yes, move it to the trash", "delete"),
    bind!(DetailConfirm, K::Char('n'), NONE, A::No, "n/Esc", "no, keep it", "keep"),
    bind!(DetailConfirm, K::Esc, NONE, A::No, "n/Esc", "no, keep it"),
    bind!(DetailOverwrite, K::Char('y'), NONE, A::Yes, "y", "yes, replace the file", "replace"),
    bind!(DetailOverwrite, K::Char('n'), NONE, A::No, "n/Esc", "no, choose another name", "another name"),
    bind!(DetailOverwrite, K::Esc, NONE, A::No, "n/Esc", "no, choose another name"),
    // Core beliefs
    // What is waiting
    bind!(Waiting, K::Up, NONE, A::Up, "↑/k", "move up"),
    bind!(Waiting, K::Char('k'), NONE, A::Up, "↑/k", "move up"),
    bind!(Waiting, K::Down, NONE, A::Down, "↓/j", "move down"),
    bind!(Waiting, K::Char('j'), NONE, A::Down, "↓/j", "move down"),
    bind!(Waiting, K::Enter, NONE, A::Confirm, "Enter", "open it", "open"),
    bind!(Waiting, K::Esc, NONE, A::Back, "Esc/q", "back", "back"),
    bind!(Waiting, K::Char('q'), NONE, A::Back, "Esc/q", "back"),
    bind!(Beliefs, K::Up, NONE, A::Up, "↑/k", "move up (on a page: scroll)"),
    bind!(Beliefs, K::Char('k'), NONE, A::Up, "↑/k", "move up (on a page: scroll)"),
    bind!(Beliefs, K::Down, NONE, A::Down, "↓/j", "move down (on a page: scroll)"),
    bind!(Beliefs, K::Char('j'), NONE, A::Down, "↓/j", "move down (on a page: scroll)"),
    bind!(Beliefs, K::Enter, NONE, A::Confirm, "Enter", "open the belief's page", "open"),
    bind!(Beliefs, K::Char('r'), NONE, A::RenameBelief, "r", "rename the belief", "rename"),
    bind!(Beliefs, K::Char('m'), NONE, A::MergeBelief, "m", "merge it into another belief (its records move)", "merge"),
    bind!(Beliefs, K::Char('a'), NONE, A::BeliefAbout, "a", "about: self → others → relationships", "about"),
    bind!(Beliefs, K::Char('d'), NONE, A::DeleteItem, "d", "delete the belief (records keep their text)", "delete"),
    bind!(Beliefs, K::Char('u'), NONE, A::UnlinkRecord, "u", "on a page: unlink one of its records", "unlink"),
    bind!(Beliefs, K::Esc, NONE, A::Back, "Esc/q", "back", "back"),
    bind!(Beliefs, K::Char('q'), NONE, A::Back, "Esc/q", "back"),
    bind!(BeliefRename, K::Enter, NONE, A::Confirm, "Enter", "save the new name", "save"),
    bind!(BeliefRename, K::Esc, NONE, A::Back, "Esc", "cancel", "cancel"),
    bind!(BeliefChoose, K::Up, NONE, A::Up, "↑/k", "move up"),
    bind!(BeliefChoose, K::Char('k'), NONE, A::Up, "↑/k", "move up"),
    bind!(BeliefChoose, K::Down, NONE, A::Down, "↓/j", "move down"),
    bind!(BeliefChoose, K::Char('j'), NONE, A::Down, "↓/j", "move down"),
    bind!(BeliefChoose, K::Enter, NONE, A::Confirm, "Enter", "choose this one", "choose"),
    bind!(BeliefChoose, K::Esc, NONE, A::Back, "Esc", "cancel", "cancel"),
    bind!(BeliefConfirm, K::Char('y'), NONE, A::Yes, "y", "yes, do it", "yes"),
    bind!(BeliefConfirm, K::Char('n'), NONE, A::No, "n/Esc", "no, leave it as it is", "no"),
    bind!(BeliefConfirm, K::Esc, NONE, A::No, "n/Esc", "no, leave it as it is"),
    // People (the trust ledger)
    bind!(People, K::Up, NONE, A::Up, "↑/k", "move up (on a page: scroll)"),
    bind!(People, K::Char('k'), NONE, A::Up, "↑/k", "move up (on a page: scroll)"),
    bind!(People, K::Down, NONE, A::Down, "↓/j", "move down (on a page: scroll)"),
    bind!(People, K::Char('j'), NONE, A::Down, "↓/j", "move down (on a page: scroll)"),
    bind!(People, K::Enter, NONE, A::Confirm, "Enter", "open the person's page", "open"),
    bind!(People, K::Char('n'), NONE, A::NewDefault, "n", "new trust-ledger entry", "new entry"),
    bind!(People, K::Esc, NONE, A::Back, "Esc/q", "back", "back"),
    bind!(People, K::Char('q'), NONE, A::Back, "Esc/q", "back"),
    // Insights
    bind!(Insights, K::Char('r'), NONE, A::Toggle, "r", "change the range (30 days / 6 months / all)", "range"),
    bind!(Insights, K::Down, NONE, A::Down, "↓/j", "scroll"),
    bind!(Insights, K::Char('j'), NONE, A::Down, "↓/j", "scroll"),
    bind!(Insights, K::Up, NONE, A::Up, "↑/k", "scroll back"),
    bind!(Insights, K::Char('k'), NONE, A::Up, "↑/k", "scroll back"),
    bind!(Insights, K::Esc, NONE, A::Back, "Esc/q", "back home", "back"),
    bind!(Insights, K::Char('q'), NONE, A::Back, "Esc/q", "back home"),
    // Exposure ladders
    bind!(LadderList, K::Up, NONE, A::Up, "↑/k", "move up"),
    bind!(LadderList, K::Char('k'), NONE, A::Up, "↑/k", "move up"),
    bind!(LadderList, K::Down, NONE, A::Down, "↓/j", "move down"),
    bind!(LadderList, K::Char('j'), NONE, A::Down, "↓/j", "move down"),
    bind!(LadderList, K::Enter, NONE, A::Confirm, "Enter", "open the ladder", "open"),
    bind!(LadderList, K::Char('n'), NONE, A::NewDefault, "n", "build a new ladder", "new ladder"),
    bind!(LadderList, K::Char('t'), NONE, A::Templates, "t", "start from a ready-made ladder", "templates"),
    bind!(LadderTemplates, K::Up, NONE, A::Up, "↑/k", "move up"),
    bind!(LadderTemplates, K::Char('k'), NONE, A::Up, "↑/k", "move up"),
    bind!(LadderTemplates, K::Down, NONE, A::Down, "↓/j", "move down"),
    bind!(LadderTemplates, K::Char('j'), NONE, A::Down, "↓/j", "move down"),
    bind!(LadderTemplates, K::Enter, NONE, A::Confirm, "Enter", "build a ladder from it (every step can be changed)", "use it"),
    bind!(LadderTemplates, K::Esc, NONE, A::Back, "Esc", "back", "back"),
    bind!(LadderQuestion, K::Char('y'), NONE, A::Yes, "y", "yes", "yes"),
    bind!(LadderQuestion, K::Char('n'), NONE, A::No, "n", "no", "no"),
    bind!(LadderQuestion, K::Esc, NONE, A::Back, "Esc", "not now", "not now"),
    bind!(LadderList, K::Esc, NONE, A::Back, "Esc/q", "back home", "back"),
    bind!(LadderList, K::Char('q'), NONE, A::Back, "Esc/q", "back home"),
    bind!(LadderView, K::Up, NONE, A::Up, "↑/k", "one step up the ladder"),
    bind!(LadderView, K::Char('k'), NONE, A::Up, "↑/k", "one step up the ladder"),
    bind!(LadderView, K::Down, NONE, A::Down, "↓/j", "one step down"),
    bind!(LadderView, K::Char('j'), NONE, A::Down, "↓/j", "one step down"),
    bind!(LadderView, K::Enter, NONE, A::Confirm, "Enter/a", "log an attempt on this step", "log attempt"),
    bind!(LadderView, K::Char('a'), NONE, A::Confirm, "Enter/a", "log an attempt on this step"),
    bind!(LadderView, K::Char('e'), NONE, A::EditItem, "e", "edit the goal and steps", "edit"),
    bind!(LadderView, K::Char('r'), NONE, A::Toggle, "r", "change when a step counts as climbed", "rule"),
    bind!(LadderView, K::Char('o'), NONE, A::ToggleOrder, "o", "suggest steps in order or in varied order", "order"),
    bind!(LadderView, K::Esc, NONE, A::Back, "Esc/q", "back to the ladders", "back"),
    bind!(LadderView, K::Char('q'), NONE, A::Back, "Esc/q", "back to the ladders"),
    bind!(Builder, K::Tab, NONE, A::NextStep, "Tab", "next field", "next field"),
    bind!(Builder, K::BackTab, NONE, A::PrevStep, "Shift-Tab", "previous field"),
    bind!(Builder, K::Char('s'), CTRL, A::Save, "Ctrl-S", "save the ladder", "save"),
    bind!(Builder, K::Esc, NONE, A::Back, "Esc", "leave (asks first if anything would be lost)", "leave"),
    bind!(BuilderText, K::Enter, NONE, A::Confirm, "Enter", "on to the next field", "next"),
    bind!(BuilderText, K::Up, NONE, A::Up, "↑", "go to the steps so far"),
    bind!(BuilderSuds, K::Left, NONE, A::Adjust(-5), "←/h", "less (−5)", "−5"),
    bind!(BuilderSuds, K::Char('h'), NONE, A::Adjust(-5), "←/h", "less (−5)"),
    bind!(BuilderSuds, K::Right, NONE, A::Adjust(5), "→/l", "more (+5)", "+5"),
    bind!(BuilderSuds, K::Char('l'), NONE, A::Adjust(5), "→/l", "more (+5)"),
    bind!(BuilderSuds, K::Left, SHIFT, A::Adjust(-1), "Shift-←", "less (−1)"),
    bind!(BuilderSuds, K::Right, SHIFT, A::Adjust(1), "Shift-→", "more (+1)"),
    bind!(BuilderSuds, K::Home, NONE, A::SetMin, "Home", "0"),
    bind!(BuilderSuds, K::End, NONE, A::SetMax, "End", "100"),
    bind!(BuilderSuds, K::Enter, NONE, A::Confirm, "Enter", "add the step to the ladder", "add step"),
    bind!(BuilderRungs, K::Up, NONE, A::Up, "↑/k", "move up"),
    bind!(BuilderRungs, K::Char('k'), NONE, A::Up, "↑/k", "move up"),
    bind!(BuilderRungs, K::Down, NONE, A::Down, "↓/j", "move down (past the last: the fields)"),
    bind!(BuilderRungs, K::Char('j'), NONE, A::Down, "↓/j", "move down (past the last: the fields)"),
    bind!(BuilderRungs, K::Enter, NONE, A::EditItem, "Enter/e", "edit the step", "edit"),
    bind!(BuilderRungs, K::Char('e'), NONE, A::EditItem, "Enter/e", "edit the step"),
    bind!(BuilderRungs, K::Delete, NONE, A::DeleteItem, "Del/d", "delete the step", "delete"),
    bind!(BuilderRungs, K::Char('d'), NONE, A::DeleteItem, "Del/d", "delete the step"),
    // Cards
    bind!(Cards, K::Up, NONE, A::Up, "↑/k", "previous card", "previous"),
    bind!(Cards, K::Char('k'), NONE, A::Up, "↑/k", "previous card"),
    bind!(Cards, K::Down, NONE, A::Down, "↓/j", "next card", "next"),
    bind!(Cards, K::Char('j'), NONE, A::Down, "↓/j", "next card"),
    bind!(Cards, K::PageDown, NONE, A::PageDown, "PgDn/PgUp", "scroll the card a page down / up", "scroll"),
    bind!(Cards, K::PageUp, NONE, A::PageUp, "PgDn/PgUp", "scroll the card a page down / up"),
    bind!(Cards, K::Home, NONE, A::Top, "Home/End", "scroll the card to the top / the end"),
    bind!(Cards, K::End, NONE, A::Bottom, "Home/End", "scroll the card to the top / the end"),
    bind!(Cards, K::Esc, NONE, A::Back, "Esc/q", "back home", "back"),
    bind!(Cards, K::Char('q'), NONE, A::Back, "Esc/q", "back home"),
];

/// Modifiers that matter for matching: Shift is part of the character for letters and of
/// BackTab, so it is ignored there.
fn normalise(key: KeyEvent) -> (KeyCode, KeyModifiers) {
    let mut mods =
        key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    if matches!(key.code, KeyCode::Char(_) | KeyCode::BackTab) {
        mods.remove(KeyModifiers::SHIFT);
    }
    (key.code, mods)
}

/// The action bound to `key` in the first of `contexts` that binds it.
pub fn lookup(contexts: &[Context], key: KeyEvent) -> Option<Action> {
    let (code, mods) = normalise(key);
    contexts.iter().find_map(|context| {
        BINDINGS
            .iter()
            .find(|b| b.context == *context && b.code == code && b.mods == mods)
            .map(|b| b.action)
    })
}

/// The label of the first key bound to `action` in `context`, for menus that show their keys.
pub fn label_for(context: Context, action: Action) -> Option<&'static str> {
    BINDINGS
        .iter()
        .find(|b| b.context == context && b.action == action)
        .map(|b| b.label)
}

/// Help sections for these contexts: each context's title with its (label, help) lines, one
/// line per distinct help text. Typing contexts also list the text editor's own keys.
pub fn help_sections(
    contexts: &[Context],
) -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    let mut contexts = contexts.to_vec();
    let typing = [
        Context::TextStep,
        Context::ListInput,
        Context::EmotionInput,
        Context::QuestionsStep,
    ];
    if let Some(at) = contexts.iter().position(|c| typing.contains(c)) {
        contexts.insert(at + 1, Context::Editing);
    }
    contexts
        .iter()
        .map(|context| {
            let mut lines: Vec<(&'static str, &'static str)> = Vec::new();
            for b in BINDINGS.iter().filter(|b| b.context == *context) {
                if !lines.iter().any(|(_, help)| *help == b.help) {
                    lines.push((b.label, b.help));
                }
            }
            (context.title(), lines)
        })
        .filter(|(_, lines)| !lines.is_empty())
        .collect()
}

/// The footer hints for these contexts, in this order, without repeats. `active` is the stack
/// keys are really looked up in: a hint is shown only for the binding a key really reaches, so a
/// key bound closer in (Esc on a list item) never shows what it does further out.
pub fn footer(contexts: &[Context], active: &[Context]) -> Vec<(&'static str, &'static str)> {
    let mut hints: Vec<(&'static str, &'static str)> = Vec::new();
    for context in contexts {
        for b in BINDINGS.iter().filter(|b| b.context == *context) {
            let Some(short) = b.footer else { continue };
            if reached_in(active, b.code, b.mods) != Some(b.context) {
                continue;
            }
            if !hints.iter().any(|(label, _)| *label == b.label) {
                hints.push((b.label, short));
            }
        }
    }
    hints
}

/// The context whose binding of this key wins in `active` (the first that binds it).
fn reached_in(active: &[Context], code: KeyCode, mods: KeyModifiers) -> Option<Context> {
    active.iter().copied().find(|context| {
        BINDINGS
            .iter()
            .any(|b| b.context == *context && b.code == code && b.mods == mods)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn the_most_specific_context_wins() {
        let rating = [
            Context::RatingStep,
            Context::NonText,
            Context::Runner,
            Context::Global,
        ];
        assert_eq!(lookup(&rating, key(K::Enter, NONE)), Some(A::NextStep));
        assert_eq!(lookup(&rating, key(K::Right, SHIFT)), Some(A::Adjust(1)));
        assert_eq!(lookup(&rating, key(K::Char('?'), NONE)), Some(A::Help));
        assert_eq!(lookup(&rating, key(K::Esc, NONE)), Some(A::Back));
    }

    #[test]
    fn typing_contexts_leave_letters_to_the_editor() {
        let text = [Context::TextStep, Context::Runner, Context::Global];
        for c in ['q', '?', '!', 'j', 'k', 'n'] {
            assert_eq!(lookup(&text, key(K::Char(c), NONE)), None, "{c}");
        }
        assert_eq!(lookup(&text, key(K::F(2), NONE)), Some(A::Safety));
        assert_eq!(lookup(&text, key(K::BackTab, SHIFT)), Some(A::PrevStep));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                assert!(
                    !(a.context == b.context && a.code == b.code && a.mods == b.mods),
                    "{:?} {:?} bound twice in {:?}",
                    a.code,
                    a.mods,
                    a.context
                );
            }
        }
    }

    #[test]
    fn help_lists_each_action_once() {
        let sections = help_sections(&[Context::RatingStep]);
        assert_eq!(sections.len(), 1);
        let helps: Vec<&str> = sections[0].1.iter().map(|(_, h)| *h).collect();
        assert_eq!(helps.iter().filter(|h| **h == "less (−5)").count(), 1);
    }
}
