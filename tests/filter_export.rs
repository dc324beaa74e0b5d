//! The view's exports and the activity buckets on the real bundled corpus: GeoJSON parses back
//! with points in `[lon, lat]` order, CSV has one row per selected incident, and the chart's
//! buckets hold exactly the incidents whose dates are precise enough, the rest counted apart.
#![allow(clippy::unwrap_used)]

use chrono::{Datelike, Duration, NaiveDate};
use flashpoint::export::{to_csv, to_geojson, to_json, write_view};
use flashpoint::filter::{parse, selection_for};
use flashpoint::index::{BucketUnit, activity};
use flashpoint::model::{Corpus, Precision};
use serde_json::Value;

fn bundled() -> Corpus {
    flashpoint::pipeline::bundled()
}

#[test]
fn geojson_is_a_feature_collection_of_lon_lat_points_with_unlocated_listed() {
    let corpus = bundled();
    let all = selection_for(&corpus, None);
    assert_eq!(all.len(), corpus.incidents.len());
    let geo: Value = serde_json::from_str(&to_geojson(&corpus, &all)).unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    let features = geo["features"].as_array().unwrap();
    let unlocated = geo["unlocated"].as_array().unwrap();
    assert!(!features.is_empty(), "bundled corpus has located incidents");
    assert_eq!(features.len() + unlocated.len(), all.len());
    for f in features {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["geometry"]["type"], "Point");
        let id = f["properties"]["id"].as_str().unwrap();
        let i: usize = id.trim_start_matches('i').parse().unwrap();
        let place = corpus.incidents[i].place.as_ref().unwrap();
        let coords = f["geometry"]["coordinates"].as_array().unwrap();
        // RFC 7946: longitude first.
        assert_eq!(coords[0].as_f64(), place.lon, "{id}");
        assert_eq!(coords[1].as_f64(), place.lat, "{id}");
        let props = &f["properties"];
        for key in [
            "date",
            "kind",
            "place",
            "country",
            "weapons",
            "actors",
            "killed",
            "injured",
            "background",
            "sources",
        ] {
            assert!(props.get(key).is_some(), "{id} lacks {key}");
        }
        assert_eq!(
            props["sources"].as_u64(),
            Some(corpus.incidents[i].document_count() as u64)
        );
    }
    for id in unlocated {
        let i: usize = id.as_str().unwrap()[1..].parse().unwrap();
        let place = corpus.incidents[i].place.as_ref();
        assert!(place.is_none_or(|p| p.lat.is_none() || p.lon.is_none()));
    }
}

#[test]
fn csv_and_json_hold_exactly_the_filtered_incidents() {
    let corpus = bundled();
    let filter = parse("place:asad").unwrap();
    let selection = selection_for(&corpus, Some(&filter));
    let expected = corpus
        .incidents
        .iter()
        .filter(|i| {
            i.place
                .as_ref()
                .is_some_and(|p| p.name.to_lowercase().contains("asad"))
        })
        .count();
    assert!(expected > 0);
    assert_eq!(selection.len(), expected);
    let csv = to_csv(&corpus, &selection);
    assert_eq!(
        csv.lines().count(),
        expected + 1,
        "header plus one row each"
    );
    let json: Value = serde_json::from_str(&to_json(&corpus, &selection)).unwrap();
    assert_eq!(json["incidents"].as_array().unwrap().len(), expected);
    assert_eq!(json["version"], 1);
}

#[test]
fn write_view_writes_three_files_into_the_given_directory() {
    let dir = std::env::temp_dir().join(format!("flashpoint-{}-write-view", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let corpus = bundled();
    let all = selection_for(&corpus, None);
    let first = write_view(&dir.join("exports"), "20240101-000000", &corpus, None, &all).unwrap();
    assert!(
        first
            .csv
            .ends_with("exports/flashpoint-20240101-000000.csv")
    );
    let second = write_view(&dir.join("exports"), "20240101-000000", &corpus, None, &all).unwrap();
    assert!(
        second
            .geojson
            .ends_with("flashpoint-20240101-000000-2.geojson")
    );
    for path in [&first.csv, &first.json, &first.geojson, &second.json] {
        assert!(
            std::fs::metadata(path).unwrap().len() > 0,
            "{}",
            path.display()
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn monday(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

#[test]
fn bundled_activity_buckets_match_the_corpus() {
    let corpus = bundled();
    let all: Vec<usize> = (0..corpus.incidents.len()).collect();
    let a = activity(&corpus, &all);
    let undated = corpus
        .incidents
        .iter()
        .filter(|i| !i.date.is_known())
        .count();
    assert_eq!(a.undated.len(), undated);
    assert_eq!(
        a.placed() + a.imprecise.len() + a.undated.len(),
        all.len(),
        "every incident is charted or counted apart"
    );
    // The bundled corpus spans months, so the chart is weekly and only day-dated incidents are placed.
    assert_eq!(a.unit, BucketUnit::Week);
    let day_dated: Vec<NaiveDate> = corpus
        .incidents
        .iter()
        .filter(|i| i.date.is_known() && i.date.precision == Precision::Day)
        .filter_map(|i| i.date.range.map(|r| r.0))
        .collect();
    assert_eq!(a.placed(), day_dated.len());
    assert_eq!(a.imprecise.len(), all.len() - undated - day_dated.len());
    for bucket in &a.buckets {
        let expected = day_dated
            .iter()
            .filter(|d| monday(**d) == bucket.start)
            .count();
        assert_eq!(bucket.incidents.len(), expected, "week of {}", bucket.start);
        assert_eq!(bucket.start.weekday(), chrono::Weekday::Mon);
    }
    // Consecutive weeks from the first dated one to the last.
    let first = day_dated.iter().min().map(|d| monday(*d));
    let last = day_dated.iter().max().map(|d| monday(*d));
    assert_eq!(a.buckets.first().map(|b| b.start), first);
    assert_eq!(a.buckets.last().map(|b| b.start), last);
    assert!(
        a.buckets
            .windows(2)
            .all(|w| w[1].start - w[0].start == Duration::days(7))
    );
}
