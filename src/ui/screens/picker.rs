//! The exercise picker: a filter line, exercises grouped by category, and the selected one's
//! description beside (or below, when narrow).

use crate::text::plural;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, ListItem, ListState, Paragraph, Wrap};

use crate::app::picker::Picker;
use crate::domain::Category;
use crate::library::Library;
use crate::ui::theme::Theme;
use crate::ui::widgets::side_list;

/// Draws the picker.
pub fn draw(frame: &mut Frame, area: Rect, picker: &Picker, library: &Library, theme: Theme) {
    let [filter_area, main] =
        Layout::vertical([Constraint::Length(3), Constraint::Min(3)]).areas(area);
    draw_filter(frame, filter_area, picker, theme);
    let [list_area, detail_area] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(main);
    let visible = picker.visible(library);
    if visible.is_empty() {
        frame.render_widget(
            Paragraph::new("No exercise matches. Backspace to widen the search.")
                .style(theme.dim())
                .wrap(Wrap { trim: true }),
            list_area.inner(ratatui::layout::Margin::new(1, 1)),
        );
        return;
    }
    let mut items = Vec::new();
    let mut selected_row = 0;
    let mut last_category: Option<Category> = None;
    for (position, &index) in visible.iter().enumerate() {
        let exercise = &library.exercises[index].exercise;
        if last_category != Some(exercise.category) {
            last_category = Some(exercise.category);
            items.push(ListItem::new(Line::styled(
                exercise.category.label().to_uppercase(),
                theme.dim(),
            )));
        }
        if position == picker.cursor {
            selected_row = items.len();
        }
        let minutes = format!("{} min", exercise.minutes);
        let width = usize::from(list_area.width).saturating_sub(12);
        items.push(ListItem::new(Line::from(vec![
            Span::raw(format!(
                "{:<width$}",
                crate::text::one_line(&exercise.title, width)
            )),
            Span::styled(format!("{minutes:>7}"), theme.dim()),
        ])));
    }
    let mut state = ListState::default().with_selected(Some(selected_row));
    frame.render_stateful_widget(side_list(items, theme), list_area, &mut state);
    if let Some(&index) = visible.get(picker.cursor) {
        draw_detail(frame, detail_area, library, index, theme);
    }
}

fn draw_filter(frame: &mut Frame, area: Rect, picker: &Picker, theme: Theme) {
    let typed = picker.filter.text();
    let line = if typed.is_empty() {
        Line::styled(
            "type to filter by title, category or description",
            theme.dim(),
        )
    } else {
        Line::from(vec![Span::raw(typed), Span::styled("▏", theme.key())])
    };
    frame.render_widget(
        Paragraph::new(line).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.focus_border())
                .title(" Filter "),
        ),
        area,
    );
}

fn draw_detail(frame: &mut Frame, area: Rect, library: &Library, index: usize, theme: Theme) {
    let loaded = &library.exercises[index];
    let exercise = &loaded.exercise;
    let mut lines = vec![
        Line::styled(exercise.title.clone(), theme.title()),
        Line::styled(
            format!(
                "{} · about {} min · {} · {}",
                exercise.category.label(),
                exercise.minutes,
                plural(exercise.steps.len(), "step"),
                loaded.source.label()
            ),
            theme.dim(),
        ),
        Line::raw(""),
        Line::raw(exercise.description.clone()),
    ];
    if !exercise.caution.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(exercise.caution.clone(), theme.safety()));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "F4: warning signs in a relationship — when a fear is not a thinking trap.",
        theme.dim(),
    ));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }),
        area.inner(ratatui::layout::Margin::new(2, 0)),
    );
}
