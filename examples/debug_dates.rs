use flashpoint::extract::dates;
use flashpoint::model::Span;
fn main() {
    let pubd = chrono::NaiveDate::from_ymd_opt(2023, 12, 3);
    for t in std::env::args().skip(1) {
        let found = dates::find_dates(&t, Span::new(0, t.len()));
        for m in &found {
            let v = dates::resolve(&t, m, pubd);
            println!(
                "{:?} -> {:?} {:?} | {}",
                m.span.slice(&t),
                v.label(),
                v.precision,
                v.basis
            );
        }
        if found.is_empty() {
            println!("none: {t}");
        }
    }
}
