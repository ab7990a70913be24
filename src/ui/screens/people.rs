//! The trust ledger: everyone with entries (kept, partly kept and broken commitments, and the
//! latest ones as a strip of marks), and one person's page with every commitment over time.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

use crate::app::people::PeopleState;
use crate::domain::trust::{Keeping, PersonLedger};
use crate::text::one_line;
use crate::ui::theme::Theme;
use crate::ui::widgets::boxed;

/// How many of the newest entries the list's strip of marks shows.
const STRIP: usize = 16;

/// Draws the list of people or the open person's page.
pub fn draw(frame: &mut Frame, area: Rect, people: &PeopleState, theme: Theme) {
    let area = area.inner(Margin::new(1, 0));
    match people.open.and_then(|i| people.people.get(i)) {
        Some(person) => draw_page(frame, area, person, people.scroll, theme),
        None => draw_list(frame, area, people, theme),
    }
}

/// `✓ 5  ~ 1  ✗ 2`.
fn counts(person: &PersonLedger) -> String {
    [Keeping::Kept, Keeping::Partly, Keeping::Broken]
        .iter()
        .map(|k| format!("{} {}", k.mark(), person.count(*k)))
        .collect::<Vec<_>>()
        .join("  ")
}

/// The marks of the entries, oldest first (`?` where an entry does not say).
fn strip<'a>(entries: impl Iterator<Item = &'a crate::domain::trust::Entry>) -> String {
    entries
        .map(|e| e.keeping.map_or("?", Keeping::mark))
        .collect()
}

fn draw_list(frame: &mut Frame, area: Rect, state: &PeopleState, theme: Theme) {
    let people = &state.people;
    if people.is_empty() {
        let lines = vec![
            Line::styled("No trust-ledger entries yet.", theme.title()),
            Line::raw(""),
            Line::raw(
                "The trust ledger keeps, per person, the commitments they made and whether they kept them. Over time each person's page shows a pattern that a single worried evening hides: trust you can rest on evidence, or real reasons to be careful. Press n to write the first entry.",
            ),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
        return;
    }
    let width = usize::from(area.width).saturating_sub(48).max(8);
    let items: Vec<ListItem> = people
        .iter()
        .map(|person| {
            let start = person.entries.len().saturating_sub(STRIP);
            ListItem::new(Line::from(vec![
                Span::raw(format!(
                    "{:<width$}  ",
                    one_line(&person.name, width),
                    width = width
                )),
                Span::styled(format!("{:<16}", counts(person)), theme.prompt()),
                Span::raw(strip(person.entries[start..].iter())),
            ]))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(state.cursor));
    frame.render_stateful_widget(
        List::new(items)
            .highlight_style(theme.selected())
            .block(boxed(
                " People — commitments kept ✓, partly ~, broken ✗ ",
                true,
                theme,
            )),
        area,
        &mut state,
    );
}

/// What the record says overall, in plain words.
fn reading(person: &PersonLedger) -> &'static str {
    let kept = person.count(Keeping::Kept) * 2 + person.count(Keeping::Partly);
    let broken = person.count(Keeping::Broken) * 2;
    if kept + broken < 6 {
        "A few entries so far: keep noting commitments as they come, and a pattern will show."
    } else if kept >= broken * 3 {
        "Mostly kept: evidence you can lean on when fear says otherwise."
    } else if broken >= kept {
        "Often broken: being careful here is a sensible reading of the evidence, not a thinking trap."
    } else {
        "A mixed record: worth noticing which kinds of commitments are kept and which are not."
    }
}

fn draw_page(frame: &mut Frame, area: Rect, person: &PersonLedger, scroll: u16, theme: Theme) {
    let total = person.entries.len();
    let mut lines = vec![
        Line::styled(one_line(&person.name, 200), theme.title()),
        Line::styled(
            format!(
                "{} · {}",
                crate::text::plural(total, "commitment"),
                counts(person)
            ),
            theme.dim(),
        ),
        Line::from(vec![
            Span::styled("Over time: ", theme.dim()),
            Span::raw(strip(person.entries.iter())),
        ]),
        Line::raw(reading(person)),
        Line::raw(""),
    ];
    let width = usize::from(area.width).saturating_sub(28).max(10);
    for entry in &person.entries {
        let (mark, label) = entry
            .keeping
            .map_or(("?", "not said"), |k| (k.mark(), k.label()));
        lines.push(Line::from(vec![
            Span::styled(format!("{}  ", entry.date.format("%Y-%m-%d")), theme.dim()),
            Span::styled(format!("{mark} {label:<12} "), theme.prompt()),
            Span::raw(one_line(&entry.commitment, width)),
        ]));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .scroll((scroll, 0))
            .block(boxed(" Trust ledger ", true, theme)),
        area,
    );
}
