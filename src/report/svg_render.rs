//! SVG drawn into pictures and PDF pages with the bundled font, so charts look the same
//! on every machine and their text stays text.

use std::sync::Arc;

use crate::io::export::ExportError;

/// The font database the renderers use: the bundled CJK subset, so the output is the
/// same on every machine.
pub(crate) fn fonts() -> Arc<resvg::usvg::fontdb::Database> {
    let mut db = resvg::usvg::fontdb::Database::new();
    db.load_font_data(crate::assets::CJK_FONT.to_vec());
    let family = db
        .faces()
        .next()
        .and_then(|f| f.families.first())
        .map(|(n, _)| n.clone());
    if let Some(family) = family {
        db.set_sans_serif_family(family);
    }
    Arc::new(db)
}

pub(crate) fn tree(
    svg: &str,
    fonts: &Arc<resvg::usvg::fontdb::Database>,
) -> Result<resvg::usvg::Tree, ExportError> {
    let options = resvg::usvg::Options {
        fontdb: Arc::clone(fonts),
        ..resvg::usvg::Options::default()
    };
    resvg::usvg::Tree::from_str(svg, &options).map_err(|e| ExportError::Chart(e.to_string()))
}

/// The chart drawn at `scale` pixels per SVG unit.
fn pixmap(svg: &str, scale: f32) -> Result<resvg::tiny_skia::Pixmap, ExportError> {
    let tree = tree(svg, &fonts())?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(scale)
        .ok_or_else(|| ExportError::Chart("empty picture".into()))?;
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(size.width(), size.height()).ok_or_else(|| {
            ExportError::Chart(format!(
                "a {}×{} picture is too large",
                size.width(),
                size.height()
            ))
        })?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

/// The chart as a PNG at `scale` pixels per SVG unit.
pub fn png(svg: &str, scale: f32) -> Result<Vec<u8>, ExportError> {
    pixmap(svg, scale)?
        .encode_png()
        .map_err(|e| ExportError::Chart(e.to_string()))
}

/// The chart as premultiplied RGBA pixels (width, height, bytes), for a window to show.
pub fn rgba(svg: &str, scale: f32) -> Result<(u32, u32, Vec<u8>), ExportError> {
    let p = pixmap(svg, scale)?;
    Ok((p.width(), p.height(), p.take()))
}
