//! Reusable pieces: text fields, the form, dialogs, money cells and charts.

pub mod category_prompt;
pub mod change_input;
pub mod close_dialog;
pub mod completion;
pub mod component;
pub mod confirm;
pub mod field;
pub mod field_list;
pub mod form;
pub mod form_view;
pub mod help;
pub mod import_dialog;
pub mod import_view;
pub mod meter;
pub mod money;
pub mod place_form;
pub mod place_form_view;
pub mod place_prompt;
pub mod recurring_form;
pub mod rule_form;
#[cfg(test)]
mod test_ledger;

use ratatui::layout::Rect;

/// A centred rectangle of at most `width`×`height` inside `area`.
pub fn popup_area(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
