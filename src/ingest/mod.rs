//! Reading a folder of articles: walking, decoding, HTML/JSON text, metadata, boilerplate.

use crate::model::{Document, Skipped};
use std::path::Path;

/// The documents read from a folder and the files that could not be used.
#[derive(Debug, Default, Clone)]
pub struct Ingested {
    pub documents: Vec<Document>,
    pub skipped: Vec<Skipped>,
}

/// Reads every supported file below `root`, recursively, in a stable (sorted) order.
pub fn read_folder(_root: &Path) -> Ingested {
    Ingested::default()
}

/// The demo corpus embedded in the binary.
pub fn read_bundled() -> Ingested {
    Ingested::default()
}
