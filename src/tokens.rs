//! Design tokens shared by the window and the files it writes: sizes here, chart
//! colours in [`crate::report::chart_palette`]. A leaf module: no egui, no other layer.

/// Spacing and sizes, in points (the window) and SVG units (the files).
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

    /// Heights of charts, lists and popups, smallest to tallest.
    pub const HEIGHT_S: f32 = 160.0;
    pub const HEIGHT_M: f32 = 220.0;
    pub const HEIGHT_L: f32 = 300.0;
    pub const HEIGHT_XL: f32 = 360.0;
    /// A column of the board or the Kano grid; a form's width in a dialog.
    pub const BOARD_COLUMN: f32 = 180.0;
    pub const FORM_WIDTH: f32 = 440.0;
    /// A bar drawn in a row (a score, a share of answers), and a word chip.
    pub const BAR_HEIGHT: f32 = 14.0;
    pub const CHIP: [f32; 2] = [150.0, 20.0];
    /// A point of a chart, as screen readers are given it.
    pub const POINT: f32 = 10.0;

    /// The Gantt chart in files (SVG, PNG, PDF): row, heading and title band heights,
    /// and the widths of its table's columns (#, name, duration, start, finish).
    pub const GANTT_FILE_ROW: f32 = 20.0;
    pub const GANTT_FILE_HEADER: f32 = 40.0;
    pub const GANTT_FILE_TITLE: f32 = 26.0;
    pub const GANTT_FILE_COLUMNS: [f32; 5] = [34.0, 200.0, 46.0, 70.0, 70.0];
    /// The smallest text in a file's chart (axis notes).
    pub const TEXT_XXS: f32 = 8.0;
    pub const TEXT_TINY: f32 = 9.0;
}
