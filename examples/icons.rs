//! Renders the app icon (`assets/icon/planwright.svg`) into the PNG sizes the
//! installers and desktops use: `cargo run --example icons`. The PNGs are committed;
//! run this again after changing the SVG.

use std::path::Path;

const SIZES: [u32; 8] = [16, 24, 32, 48, 64, 128, 256, 512];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/icon");
    let svg = std::fs::read(dir.join("planwright.svg"))?;
    let tree = resvg::usvg::Tree::from_data(&svg, &resvg::usvg::Options::default())?;
    for size in SIZES {
        let mut pixmap = resvg::tiny_skia::Pixmap::new(size, size).ok_or("bad size")?;
        let scale = size as f32 / tree.size().width();
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        let out = dir.join(format!("{size}x{size}.png"));
        pixmap.save_png(&out)?;
        println!("{}", out.display());
    }
    Ok(())
}
