//! Prints the sentences of a file (or of bundled article 3) with their byte offsets:
//! `cargo run --example debug_sentences -- [FILE]`.
fn main() {
    let docs = match std::env::args().nth(1) {
        Some(path) => {
            let bytes = std::fs::read(&path).expect("readable file");
            flashpoint::ingest::parse_bytes(&path, &bytes).expect("a document")
        }
        None => flashpoint::ingest::read_bundled().documents,
    };
    let d = if docs.len() > 3 { &docs[3] } else { &docs[0] };
    for s in flashpoint::extract::sentences::sentences(&d.text) {
        let boiler = if d.is_boilerplate(s) {
            " (boilerplate)"
        } else {
            ""
        };
        println!("[{}]{boiler} {}", s.start, &d.text[s.start..s.end]);
    }
}
