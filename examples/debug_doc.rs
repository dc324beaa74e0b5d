//! Prints sentences and the incidents extracted from one file: `cargo run --example debug_doc -- FILE`.
use flashpoint::{extract, ingest, lexicon::Lexicon};
fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let p = std::path::Path::new(&path);
    let docs = ingest::read_file(p.parent().unwrap(), p).expect("readable");
    let ex = extract::Extractor::new(Lexicon::embedded().unwrap());
    for (i, d) in docs.iter().enumerate() {
        println!(
            "== {} published {:?} title {:?} outlet {:?}",
            d.path, d.published, d.title, d.outlet
        );
        for s in extract::sentences::sentences(&d.text) {
            let bp = if d.is_boilerplate(s) { "BP " } else { "" };
            println!(
                "  [{bp}{}] {}",
                s.start,
                s.slice(&d.text).replace('\n', " ")
            );
        }
        let r = extract::document::extract_document(&ex, i, d);
        for g in &r.groups {
            let inc = extract::consolidate::consolidate(&ex, g, vec![]);
            println!(
                "-> {:?} {:?} {:?} {:?} {:?} k{:?} i{:?} bg={}",
                inc.date.label(),
                inc.kind,
                inc.place.as_ref().map(|p| &p.name),
                inc.weapons,
                inc.participants
                    .iter()
                    .map(|p| format!("{}:{}", p.actor, p.role.as_str()))
                    .collect::<Vec<_>>(),
                inc.killed,
                inc.injured,
                inc.background
            );
            for m in g {
                println!("     | {}", m.passage.slice(&d.text).replace('\n', " "));
            }
        }
    }
}
