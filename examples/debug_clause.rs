//! Shows how one sentence is analysed: `cargo run --example debug_clause -- "TEXT" [YYYY-MM-DD]`.
use flashpoint::extract::{Extractor, clause, tokens};
use flashpoint::lexicon::Lexicon;
use flashpoint::model::Span;

fn main() {
    let text = std::env::args().nth(1).expect("text");
    let published = std::env::args().nth(2).and_then(|d| d.parse().ok());
    let ex = Extractor::new(Lexicon::embedded().expect("embedded lexicon"));
    let span = Span::new(0, text.len());
    let hits = ex.matcher().scan(&text, span);
    for h in &hits {
        println!("hit {:?} {:?}", h.span.slice(&text), h.senses);
    }
    let toks = tokens::tokenize(&text, span);
    let ctx = clause::ClauseContext {
        text: &text,
        doc: 0,
        sentence: 0,
        published,
        last_place: None,
        last_group: None,
        sentence_bg_cue: false,
        entry_day: None,
    };
    let drafts = clause::analyse(&ex, &ctx, span, &hits, &toks);
    if drafts.is_empty() {
        println!("no mention");
    }
    for d in drafts {
        println!(
            "anaphoric={} plural={} anchored={}\n{:#?}",
            d.anaphoric, d.plural, d.anchored, d.mention
        );
    }
}
