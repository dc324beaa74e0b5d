fn main() {
    let c = flashpoint::ingest::read_bundled();
    let d = &c.documents[3];
    for s in flashpoint::extract::sentences::sentences(&d.text) {
        println!("[{}] {}", s.start, &d.text[s.start..s.end]);
    }
}
