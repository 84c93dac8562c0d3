//! A report as PDF: A4 portrait, the bundled CJK font embedded (subset) so text is
//! extractable, charts as vector, a running header (organisation, project and period)
//! and page numbers. The same document gives the same bytes (no dates are written).

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Transform};
use krilla::num::NormalizedF32;
use krilla::paint::Fill;
use krilla::text::{Font, GlyphId, KrillaGlyph};

use super::Document;
use super::pdf_layout::{MARGIN_X, Measure, Op, PAGE_H, PAGE_W, SMALL_SIZE, layout};
use crate::i18n::tr_with;
use crate::io::export::ExportError;
use crate::report::chart_palette::{LIGHT as P, Rgb};

pub fn to_pdf(doc: &Document) -> Result<Vec<u8>, ExportError> {
    use krilla_svg::SurfaceExt;
    let font_bytes = crate::assets::CJK_FONT;
    let measure = Measure::new(font_bytes)
        .ok_or_else(|| ExportError::Pdf("the bundled font cannot be read".into()))?;
    let font = Font::new(font_bytes.into(), 0)
        .ok_or_else(|| ExportError::Pdf("the bundled font cannot be read".into()))?;
    let fonts = crate::report::svg_render::fonts();
    let charts = doc
        .charts()
        .map(|c| crate::report::svg_render::tree(&c.svg, &fonts))
        .collect::<Result<Vec<_>, _>>()?;
    let pages = layout(doc, &measure);
    let total = pages.len();
    let mut document = krilla::Document::new();
    document.set_metadata(
        krilla::metadata::Metadata::new()
            .title(doc.title.clone())
            .language(doc.lang.code().to_owned()),
    );
    for (n, ops) in pages.iter().enumerate() {
        let settings = krilla::page::PageSettings::from_wh(PAGE_W, PAGE_H)
            .ok_or_else(|| ExportError::Pdf("page size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let text = |surface: &mut krilla::surface::Surface<'_>,
                    x: f32,
                    y: f32,
                    size: f32,
                    colour: Rgb,
                    s: &str| {
            surface.set_fill(Some(fill(colour)));
            // Glyphs placed by the same advances the layout measured with: no shaping
            // per run (a report's CJK and Latin text needs none), and right-aligned
            // figures end exactly where they were measured to.
            let glyphs: Vec<KrillaGlyph> = s
                .char_indices()
                .map(|(i, c)| {
                    let (id, advance) = measure.glyph(c);
                    KrillaGlyph::new(
                        GlyphId::new(u32::from(id)),
                        advance,
                        0.0,
                        0.0,
                        0.0,
                        i..i + c.len_utf8(),
                        None,
                    )
                })
                .collect();
            surface.draw_glyphs(Point::from_xy(x, y), &glyphs, font.clone(), s, size, false);
        };
        // The running header and the page number.
        let header = match &doc.organisation {
            Some(org) => format!("{org} · {}", doc.running_header),
            None => doc.running_header.clone(),
        };
        text(
            &mut surface,
            MARGIN_X,
            36.0,
            SMALL_SIZE,
            P.text_faint,
            &header,
        );
        rect(
            &mut surface,
            MARGIN_X,
            42.0,
            PAGE_W - 2.0 * MARGIN_X,
            0.5,
            P.grid,
        );
        let number = tr_with(
            doc.lang,
            "report.page",
            &[
                ("page", &(n + 1).to_string()),
                ("pages", &total.to_string()),
            ],
        );
        let w = measure.width(&number, SMALL_SIZE);
        text(
            &mut surface,
            (PAGE_W - w) / 2.0,
            PAGE_H - 30.0,
            SMALL_SIZE,
            P.text_faint,
            &number,
        );
        // The logo at the top right of the first page.
        if n == 0
            && let Some((png, w, h)) = super::logo_png(doc)
            && let Ok(image) = krilla::image::Image::from_png(png.into(), true)
        {
            let height = super::LOGO_HEIGHT;
            let width = height * w as f32 / h as f32;
            if let Some(size) = krilla::geom::Size::from_wh(width, height) {
                surface.push_transform(&Transform::from_translate(PAGE_W - MARGIN_X - width, 50.0));
                surface.draw_image(image, size);
                surface.pop();
            }
        }
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    colour,
                    text: s,
                } => text(&mut surface, *x, *y, *size, *colour, s),
                Op::Rect { x, y, w, h, colour } => rect(&mut surface, *x, *y, *w, *h, *colour),
                Op::Chart { x, y, w, h, index } => {
                    let Some(tree) = charts.get(*index) else {
                        continue;
                    };
                    let size = krilla::geom::Size::from_wh(*w, *h)
                        .ok_or_else(|| ExportError::Pdf("empty chart".into()))?;
                    surface.push_transform(&Transform::from_translate(*x, *y));
                    surface.draw_svg(tree, size, krilla_svg::SvgSettings::default());
                    surface.pop();
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| ExportError::Pdf(format!("{e:?}")))
}

fn fill(c: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(c.0, c.1, c.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn rect(surface: &mut krilla::surface::Surface<'_>, x: f32, y: f32, w: f32, h: f32, c: Rgb) {
    let mut pb = PathBuilder::new();
    if let Some(r) = krilla::geom::Rect::from_xywh(x, y, w, h) {
        pb.push_rect(r);
    }
    if let Some(path) = pb.finish() {
        surface.set_fill(Some(fill(c)));
        surface.draw_path(&path);
    }
}
