//! `Goal::line` writes a goal as a lesson file does: every goal of every shipped lesson,
//! written back into its file, parses to the same goal.

use quorum_course::lesson::{bundle, bundled_source, parse};

#[test]
fn every_goal_line_parses_back_to_the_same_goal() {
    let mut checked = 0;
    for lesson in bundle().into_iter().flatten() {
        let source = bundled_source(&lesson.id).expect("bundled source");
        let mut goals = lesson
            .steps
            .iter()
            .flat_map(|s| s.task.iter().flat_map(|t| t.goals.iter()));
        let rewritten: Vec<String> = source
            .lines()
            .map(|l| {
                if l.trim_start().starts_with("goal =") {
                    let g = goals.next().expect("as many goals as goal lines");
                    format!("goal = {}", g.line())
                } else {
                    l.to_string()
                }
            })
            .collect();
        let again = parse(&rewritten.join("\n")).expect("the rewritten lesson parses");
        assert_eq!(again.steps, lesson.steps, "{}", lesson.id);
        checked += lesson
            .steps
            .iter()
            .map(|s| s.task.as_ref().map_or(0, |t| t.goals.len()))
            .sum::<usize>();
    }
    assert!(checked > 40, "{checked} goals");
}
