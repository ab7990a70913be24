//! Everything a person (or the clock) can cause, in one enum. The keymap turns keys into these;
//! `App::update` is the only place that acts on them.

/// One thing that can happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    // Anywhere.
    /// Leave the app (drafts are already saved).
    Quit,
    /// Show the keys of the current screen.
    Help,
    /// Show the safety card with crisis resources.
    Safety,
    /// Show the card of warning signs in a relationship.
    WarningSigns,
    /// Close an overlay or go back one screen.
    Back,

    // Moving in lists.
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Open or confirm the item under the cursor.
    Confirm,

    // Home.
    NewDefault,
    ChooseExercise,
    Resume,
    History,
    Insights,
    Ladders,
    Cards,

    // Runner.
    NextStep,
    PrevStep,
    ToggleGuidance,
    OpenEditor,
    /// Go to the review page from any step.
    Review,
    Save,
    Undo,
    /// Link the record to a core belief.
    LinkBelief,
    /// Remove, on the review page, an answer kept from an earlier version of the exercise.
    RemoveAnswer,
    /// Copy earlier item N (1-based), e.g. an automatic thought into the hot-thought step.
    UseEarlier(u8),
    /// Documents a key the text editor handles itself; never dispatched.
    EditText,

    // Step inputs.
    /// Change a rating by this many points.
    Adjust(i8),
    SetMin,
    SetMax,
    /// Tick or untick the item under the cursor.
    Toggle,
    DeleteItem,
    MoveItemUp,
    MoveItemDown,
    EditItem,
    /// Complete the typed emotion from the catalogue.
    Complete,

    // History and a record.
    Search,
    Filter,
    ClearFilters,
    Revisit,
    EditTags,
    Export,
    /// Put the record on the clipboard as Markdown.
    CopyToClipboard,
    Yes,
    No,

    /// Open the core-belief ledger.
    Beliefs,
    /// Give the selected core belief a new name.
    RenameBelief,
    /// Merge the selected core belief into another.
    MergeBelief,
    /// Change what the selected core belief is about (self, others, relationships).
    BeliefAbout,
    /// Remove one record's link to the open core belief.
    UnlinkRecord,
    /// Open the trust ledger's people.
    People,

    // Ladders.
    /// Switch a ladder between climbing in order and varied practice.
    ToggleOrder,
    /// Choose a ready-made ladder to start from.
    Templates,
    /// What is waiting (the home screen's `w`).
    Waiting,

    // Leave dialog.
    KeepDraft,
    DiscardDraft,

    // Conflict dialog (the record changed while it was being edited).
    KeepBoth,
    Overwrite,
}
