//! Design tokens: colours, spacing and sizes. Views take their look from here, never
//! from literals.

use egui::{Color32, CornerRadius, Margin, Stroke, Visuals};

/// Spacing and sizes, in points.
pub mod size {
    /// Width of the left navigation.
    pub const NAV_WIDTH: f32 = 168.0;
    /// Margin around a page's content.
    pub const PAGE_MARGIN: i8 = 16;
    /// Space between sections of a page.
    pub const SECTION_GAP: f32 = 18.0;
    /// Width of the command palette and the search results.
    pub const PALETTE_WIDTH: f32 = 520.0;
    /// Height of one row in lists and tables.
    pub const ROW_HEIGHT: f32 = 24.0;
    /// Width of the search field in the top bar.
    pub const SEARCH_WIDTH: f32 = 260.0;
    /// Size of a project card on the Overview.
    pub const PROJECT_CARD_WIDTH: f32 = 280.0;
    pub const PROJECT_CARD_HEIGHT: f32 = 120.0;
    /// Width of the actions column of a table row (select / properties / delete).
    pub const ROW_ACTIONS_WIDTH: f32 = 240.0;
    /// Gantt: row height, header height, and the zoom range in points per day
    /// (from hours to quarters).
    pub const GANTT_ROW: f32 = 24.0;
    pub const GANTT_HEADER: f32 = 40.0;
    pub const GANTT_MIN_DAY: f32 = 0.5;
    pub const GANTT_MAX_DAY: f32 = 480.0;
    pub const GANTT_TABLE_WIDTH: f32 = 560.0;
    /// Inner margin of a card.
    pub const CARD_MARGIN: f32 = 12.0;
    /// Width of a count card on the Overview.
    pub const COUNT_CARD_WIDTH: f32 = 120.0;
    /// Rounding of cards and buttons.
    pub const CORNER: u8 = 6;
    /// Title text size.
    pub const TITLE: f32 = 20.0;

    /// Gaps between things, smallest to largest.
    pub const GAP_XS: f32 = 2.0;
    pub const GAP_S: f32 = 4.0;
    pub const GAP: f32 = 6.0;
    pub const GAP_M: f32 = 8.0;
    pub const GAP_L: f32 = 10.0;
    pub const GAP_XL: f32 = 12.0;
    /// Space above the start page's content.
    pub const START_TOP: f32 = 60.0;
    /// Indent per level of a tree, and the room of a branch's ▼/▶.
    pub const TREE_INDENT: f32 = 16.0;
    pub const TREE_TOGGLE: f32 = 14.0;

    /// Widths of text fields and pickers, by what they hold.
    pub const FIELD_NUMBER: f32 = 60.0;
    pub const FIELD_SHORT: f32 = 90.0;
    pub const FIELD_DATE: f32 = 110.0;
    pub const FIELD_S: f32 = 160.0;
    pub const FIELD_M: f32 = 220.0;
    pub const FIELD_L: f32 = 280.0;
    pub const FIELD_XL: f32 = 360.0;

    /// A wide gap (between a settings label and its control).
    pub const GAP_XXL: f32 = 24.0;
    /// Width of a dialog's content, and of the start page's column.
    pub const DIALOG_WIDTH: f32 = 560.0;
    /// Side panels: a list beside an editor, and a detail panel beside a table.
    pub const LIST_PANEL: f32 = 260.0;
    pub const DETAIL_PANEL: f32 = 360.0;
    /// Table columns, by what they hold: a narrow number or mark, a key (`REQ-12`), a
    /// short word or date, a number with its bar or a longer word, a name.
    pub const COL_XS: f32 = 48.0;
    pub const COL_S: f32 = 64.0;
    pub const COL_M: f32 = 90.0;
    pub const COL_L: f32 = 150.0;
    /// The least width of a table's main (text) column.
    pub const COL_TEXT: f32 = 180.0;

    /// Line widths, hairline to heavy.
    pub const LINE_HAIR: f32 = 0.5;
    pub const LINE: f32 = 1.0;
    pub const LINE_BOLD: f32 = 1.5;
    pub const LINE_HEAVY: f32 = 2.0;
    /// A card on the board.
    pub const CARD_HEIGHT: f32 = 56.0;
    /// The matrix grid: a cell's height, the row headers' width, the column headers'
    /// height.
    pub const GRID_CELL_HEIGHT: f32 = 22.0;
    pub const GRID_ROW_HEAD: f32 = 300.0;
    pub const GRID_COL_HEAD: f32 = 140.0;

    /// Text sizes in painted charts and grids, smallest to largest.
    pub const TEXT_XS: f32 = 10.0;
    pub const TEXT_S: f32 = 11.0;
    pub const TEXT: f32 = 12.0;
    pub const TEXT_M: f32 = 13.0;
    pub const TEXT_L: f32 = 14.0;
    pub const TEXT_XL: f32 = 15.0;
    /// The drop overlay's message.
    pub const TEXT_HUGE: f32 = 28.0;
}

/// Colours that depend on light or dark mode.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    pub accent: Color32,
    pub accent_text: Color32,
    pub danger: Color32,
    pub warning: Color32,
    pub success: Color32,
    pub muted_text: Color32,
    pub card_fill: Color32,
    pub card_stroke: Color32,
    pub nav_fill: Color32,
    pub drop_overlay: Color32,
    /// Gantt: a task bar, a critical one, a summary bar, progress, weekends, today.
    pub bar: Color32,
    pub bar_critical: Color32,
    pub bar_summary: Color32,
    pub bar_progress: Color32,
    pub non_working: Color32,
    pub today: Color32,
    pub grid: Color32,
    pub arrow: Color32,
    pub row_selected: Color32,
    pub baseline: Color32,
    pub over_allocated: Color32,
    /// Survey charts: NPS promoters, passives, detractors, and bars and lines.
    pub promoter: Color32,
    pub passive: Color32,
    pub detractor: Color32,
    pub series: Color32,
}

fn rgb(c: crate::report::chart_palette::Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

/// The palette for the current visuals. Chart colours come from the chart palette the
/// exported files use too ([`crate::report::chart_palette`]), its light or dark set.
pub fn palette(visuals: &Visuals) -> Palette {
    let chart = crate::report::chart_palette::for_ground(visuals.dark_mode);
    let charts = |p: Palette| Palette {
        bar: rgb(chart.bar),
        bar_critical: rgb(chart.bar_critical),
        bar_summary: rgb(chart.bar_summary),
        non_working: rgb(chart.non_working),
        today: rgb(chart.today),
        grid: rgb(chart.grid),
        arrow: rgb(chart.arrow),
        baseline: rgb(chart.baseline),
        promoter: rgb(chart.promoter),
        passive: rgb(chart.passive),
        detractor: rgb(chart.detractor),
        series: rgb(chart.series),
        ..p
    };
    charts(if visuals.dark_mode {
        Palette {
            accent: Color32::from_rgb(0x5B, 0x8D, 0xFF),
            accent_text: Color32::WHITE,
            danger: Color32::from_rgb(0xFF, 0x6B, 0x6B),
            warning: Color32::from_rgb(0xF5, 0xB0, 0x41),
            success: Color32::from_rgb(0x4C, 0xC3, 0x8A),
            muted_text: Color32::from_gray(150),
            card_fill: Color32::from_gray(32),
            card_stroke: Color32::from_gray(52),
            nav_fill: Color32::from_gray(22),
            drop_overlay: Color32::from_rgba_unmultiplied(0x5B, 0x8D, 0xFF, 60),
            bar_progress: Color32::from_rgba_unmultiplied(0, 0, 0, 90),
            row_selected: Color32::from_rgba_unmultiplied(0x5B, 0x8D, 0xFF, 50),
            over_allocated: Color32::from_rgba_unmultiplied(0xFF, 0x6B, 0x6B, 90),
            ..UNSET
        }
    } else {
        Palette {
            accent: Color32::from_rgb(0x1F, 0x5E, 0xEB),
            accent_text: Color32::WHITE,
            danger: Color32::from_rgb(0xD0, 0x2F, 0x2F),
            warning: Color32::from_rgb(0xB2, 0x6B, 0x00),
            success: Color32::from_rgb(0x1E, 0x8E, 0x4E),
            muted_text: Color32::from_gray(110),
            card_fill: Color32::WHITE,
            card_stroke: Color32::from_gray(222),
            nav_fill: Color32::from_gray(244),
            drop_overlay: Color32::from_rgba_unmultiplied(0x1F, 0x5E, 0xEB, 40),
            bar_progress: Color32::from_rgba_unmultiplied(0, 0, 0, 70),
            row_selected: Color32::from_rgba_unmultiplied(0x1F, 0x5E, 0xEB, 36),
            over_allocated: Color32::from_rgba_unmultiplied(0xD6, 0x33, 0x33, 70),
            ..UNSET
        }
    })
}

/// The chart colours before [`palette`] fills them in from the chart palette.
const UNSET: Palette = Palette {
    accent: Color32::PLACEHOLDER,
    accent_text: Color32::PLACEHOLDER,
    danger: Color32::PLACEHOLDER,
    warning: Color32::PLACEHOLDER,
    success: Color32::PLACEHOLDER,
    muted_text: Color32::PLACEHOLDER,
    card_fill: Color32::PLACEHOLDER,
    card_stroke: Color32::PLACEHOLDER,
    nav_fill: Color32::PLACEHOLDER,
    drop_overlay: Color32::PLACEHOLDER,
    bar: Color32::PLACEHOLDER,
    bar_critical: Color32::PLACEHOLDER,
    bar_summary: Color32::PLACEHOLDER,
    bar_progress: Color32::PLACEHOLDER,
    non_working: Color32::PLACEHOLDER,
    today: Color32::PLACEHOLDER,
    grid: Color32::PLACEHOLDER,
    arrow: Color32::PLACEHOLDER,
    row_selected: Color32::PLACEHOLDER,
    baseline: Color32::PLACEHOLDER,
    over_allocated: Color32::PLACEHOLDER,
    promoter: Color32::PLACEHOLDER,
    passive: Color32::PLACEHOLDER,
    detractor: Color32::PLACEHOLDER,
    series: Color32::PLACEHOLDER,
};

/// Applies spacing and rounding to both the light and the dark style.
pub fn install(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(10.0, 4.0);
        style.spacing.interact_size.y = size::ROW_HEIGHT;
        let radius = CornerRadius::same(size::CORNER);
        style.visuals.widgets.inactive.corner_radius = radius;
        style.visuals.widgets.hovered.corner_radius = radius;
        style.visuals.widgets.active.corner_radius = radius;
        style.visuals.widgets.noninteractive.corner_radius = radius;
        style.visuals.window_corner_radius = CornerRadius::same(size::CORNER + 2);
        let accent = palette(&style.visuals).accent;
        style.visuals.selection.bg_fill = accent;
        style.visuals.selection.stroke = Stroke::new(1.0, Color32::WHITE);
        style.visuals.hyperlink_color = accent;
    });
}

/// The frame of a card (a titled box on a page).
pub fn card(visuals: &Visuals) -> egui::Frame {
    let p = palette(visuals);
    egui::Frame::new()
        .fill(p.card_fill)
        .stroke(Stroke::new(1.0, p.card_stroke))
        .corner_radius(CornerRadius::same(size::CORNER))
        .inner_margin(Margin::same(size::CARD_MARGIN as i8))
}

/// The frame of a page's central area.
pub fn page(visuals: &Visuals) -> egui::Frame {
    egui::Frame::central_panel(&egui::Style {
        visuals: visuals.clone(),
        ..Default::default()
    })
    .inner_margin(Margin::same(size::PAGE_MARGIN))
}
