//! Prints the chooser's ranking for every purpose and place (a review aid).
use quorum_course::chooser::{recommend, Place, Purpose};

fn main() {
    for purpose in Purpose::ALL {
        for place in Place::ALL {
            let advice = recommend(purpose, place);
            let ways: Vec<&str> = advice.ways.iter().map(|r| r.way.name()).collect();
            println!(
                "{:<10} {:<15} {}",
                purpose.name(),
                place.name(),
                ways.join(" > ")
            );
        }
    }
}
