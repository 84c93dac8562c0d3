//! Files bundled into the binary that several layers use.

/// Noto Sans CJK SC, cut to GB2312 plus every character of our UI and demo
/// (`scripts/make_font_subset.py`; licence in `assets/fonts/OFL.txt`). The window, the
/// tests and the chart renderers all draw Chinese with it.
pub const CJK_FONT: &[u8] = include_bytes!("../assets/fonts/NotoSansSC-Subset.otf");
