//! The gold evaluation on the bundled corpus holds the bar of the extraction issue.

use flashpoint::eval::{Gold, Score, evaluate};
use flashpoint::lexicon::Lexicon;
use flashpoint::pipeline;

fn report() -> flashpoint::eval::Report {
    let lex = Lexicon::embedded().expect("embedded lexicon parses");
    let gold = Gold::parse(include_str!("seeds.json")).expect("seeds.json parses");
    evaluate(&pipeline::bundled(), &gold, &lex)
}

fn all(s: Score, n: usize) -> bool {
    s.hit == n && s.total == n
}

#[test]
fn bundled_corpus_meets_the_bar() {
    let r = report();
    let text = r.render();
    assert!(all(r.recall, 7), "incident recall\n{text}");
    assert!(all(r.date, 7), "date\n{text}");
    assert!(all(r.place, 7), "place\n{text}");
    assert!(
        r.merged.total >= 1 && r.merged.hit == r.merged.total,
        "merging\n{text}"
    );
    assert!(r.precision.ratio() >= 0.9, "precision\n{text}");
    assert_eq!(r.non_incidents_reported, 0, "non-incidents\n{text}");
    assert!(r.actor_recall.ratio() >= 0.9, "actor recall\n{text}");
    assert!(all(r.published, 5), "publication dates\n{text}");
    // Beyond the bar, what the extractor reaches today, so a regression is caught.
    assert!(all(r.weapons, 7), "weapons\n{text}");
    assert!(all(r.perpetrator, 7), "perpetrator\n{text}");
    assert!(all(r.casualties, 7), "casualties\n{text}");
}

#[test]
fn late_on_saturday_resolves_against_a_monday_publication() {
    let corpus = pipeline::bundled();
    let inc = corpus
        .incidents
        .iter()
        .find(|i| i.weapons.iter().any(|w| w == "ballistic missile"))
        .expect("the Al Asad ballistic missile attack is extracted");
    assert_eq!(inc.date.label().as_deref(), Some("2024-01-20"));
    assert_eq!(inc.document_count(), 2, "reported by two articles");
    assert!(
        inc.date.basis.contains("2024-01-22"),
        "basis says how: {}",
        inc.date.basis
    );
}

#[test]
fn every_passage_slices_back_to_its_text() {
    let corpus = pipeline::bundled();
    for inc in &corpus.incidents {
        for s in &inc.sources {
            let doc = &corpus.documents[s.doc];
            assert!(doc.text.get(s.passage.start..s.passage.end).is_some());
            for f in &s.fields {
                assert!(doc.text.get(f.span.start..f.span.end).is_some(), "{f:?}");
            }
        }
    }
}
