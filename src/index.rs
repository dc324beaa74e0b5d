//! What the UI asks of a corpus: timeline order, incidents by actor, actor search.
