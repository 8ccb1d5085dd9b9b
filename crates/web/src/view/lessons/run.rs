//! The lesson player's state as a Yew `Reducible`: the open lesson and step, the lesson's
//! own simulated world (mutated in place, like the lab's), the step's watch and goal checks,
//! the prediction, and progress. Entering a step follows the course crate's rules
//! (`settings_at`, `rebuilds`, `jump_script`).

use super::export::RunExport;
use super::goals::{self, Check, Watch};
use super::ha;
use super::progress::Progress;
use super::script::{self, Outcome, Stage};
use crate::embed::{self, PageEvent};
use crate::model::ClusterView;
use crate::params::{self, Params};
use crate::view::chooser::ChooserEvent;
use crate::view::terminal::{Screen, TermLine};
use crate::world::{self, LabWorld};
use quorum_course::chooser::{Place, Purpose};
use quorum_course::lesson::{Action, Lesson, Machines};
use quorum_course::{Text, View};
use quorum_etcd::{Output, Shell, SimBackend};
use quorum_k8s::cluster::{Cluster, ClusterView as HaView, Failure};
use quorum_raft::NodeId;
use quorum_sim::{UserAction, World};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// A bundled lesson, or the bilingual error of one that does not load.
pub type Entry = Result<Rc<Lesson>, Text>;

/// A bilingual message for the notice line.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub en: String,
    pub ko: String,
    pub error: bool,
}

#[derive(Clone)]
pub struct Run {
    pub lessons: Rc<Vec<Entry>>,
    pub lesson: Option<Rc<Lesson>>,
    /// Whether the open lesson is one of the bundled ones (deep links and progress).
    pub bundled: bool,
    pub step: usize,
    world: Rc<RefCell<LabWorld>>,
    pub view: Rc<ClusterView>,
    pub playing: bool,
    pub speed_log2: i32,
    pub shown: View,
    pub stage: Stage,
    pub chooser: Option<(Purpose, Place)>,
    pub answer: Option<usize>,
    pub watch: Watch,
    pub checks: Vec<Check>,
    pub done: bool,
    pub progress: Progress,
    /// Script words this step could not run here.
    pub skipped: Vec<String>,
    pub notice: Option<Notice>,
    /// Changes whenever a step is entered (keys the chooser so it starts from its preset).
    pub generation: u64,
    last_leader: Option<NodeId>,
    pub quorum_lost: bool,
    /// The etcd terminal on the lesson's world (`view terminal`, `shell …` / `etcdctl …`).
    shell: Rc<RefCell<Shell<SimBackend>>>,
    pub screen: Screen,
    /// The election experiment's ranges `(min, max)` µs and trials, as the step's script
    /// asked (`experiment 150-300ms 1000`); empty: the panel's defaults, run by the student.
    pub experiment: Rc<Vec<(u64, u64, u32)>>,
    /// The control-plane model of an HA step (`view ha`), its snapshot for drawing, its
    /// terminal (kubectl), and who held each Lease when the step began.
    ha: Option<Rc<RefCell<Cluster>>>,
    pub ha_view: Option<Rc<HaView>>,
    pub ha_screen: Screen,
    ha_start: (Option<String>, Option<String>),
}

/// A terminal on `world`: the notes' machines, fresh (nothing installed, every etcd member
/// stopped until `systemctl start etcd`) or with etcd installed and running.
fn new_shell(world: &Rc<RefCell<LabWorld>>, machines: Machines) -> Rc<RefCell<Shell<SimBackend>>> {
    let scenario = match machines {
        Machines::Fresh => {
            let mut w = world.borrow_mut();
            for id in w.node_ids() {
                // Only fails for an unknown node, and these ids come from the world.
                let _ = w.app_stop(id);
            }
            quorum_etcd::Scenario::Fresh
        }
        Machines::Installed => quorum_etcd::Scenario::Installed,
    };
    let backend = SimBackend::from_world(world.clone());
    Rc::new(RefCell::new(Shell::new(backend, scenario)))
}

pub enum StudentAction {
    /// Stop a running server or restart a stopped one.
    Toggle(NodeId),
    Isolate(NodeId),
    Heal,
    Write {
        key: String,
        value: String,
    },
    AddServer,
    /// HA steps: apply a failure to the control plane, or restore it if applied.
    HaToggle(Failure),
}

pub enum RunAction {
    Frame(f64),
    TogglePlay,
    SetPlaying(bool),
    SetSpeed(i32),
    /// Open a bundled lesson (index) at its saved step.
    Open(usize),
    /// Open a lesson file the teacher pasted.
    OpenCustom(Rc<Lesson>),
    Close,
    /// Jump to a step (0-based): rebuild and run its `jump_script`.
    Goto(usize),
    Next,
    Back,
    Reset,
    Answer(usize),
    Act(StudentAction),
    Chooser(ChooserEvent),
    Opened(View),
    Import(Box<RunExport>),
    Notice(Option<Notice>),
    /// A line typed into the lesson's terminal.
    Terminal(String),
    /// Ctrl-C in the lesson's terminal.
    Interrupt,
    /// The experiment panel has finished this many timeout ranges of its current run.
    ExperimentRanges(usize),
}

fn load_lessons() -> Vec<Entry> {
    quorum_course::lesson::bundle()
        .into_iter()
        .map(|r| r.map(Rc::new).map_err(|e| e.message()))
        .collect()
}

fn empty_world() -> LabWorld {
    // Three servers of the lab: shown only until a lesson is opened. The lab's own settings
    // are valid by construction; if that ever failed the panic overlay would explain it.
    world::new_world(3, 1).expect("the lab's default world is valid")
}

impl Run {
    pub fn new(params: &Params) -> Run {
        let (progress, corrupt) = Progress::load();
        let world = Rc::new(RefCell::new(empty_world()));
        let shell = new_shell(&world, Machines::Installed);
        let screen = Screen::new(&shell.borrow());
        let view = Rc::new(world::view(&world.borrow()));
        let mut run = Run {
            lessons: Rc::new(load_lessons()),
            lesson: None,
            bundled: false,
            step: 0,
            view,
            world,
            playing: !params.paused,
            speed_log2: params.speed_log2,
            shown: View::Lab,
            stage: Stage::Raft,
            chooser: None,
            answer: None,
            watch: Watch::default(),
            checks: Vec::new(),
            done: false,
            progress,
            skipped: Vec::new(),
            notice: corrupt.then(|| Notice {
                en: "Saved lesson progress was unreadable and has been ignored.".into(),
                ko: "저장된 수업 진행 상황을 읽을 수 없어 무시했습니다.".into(),
                error: true,
            }),
            generation: 0,
            last_leader: None,
            quorum_lost: false,
            shell,
            screen,
            experiment: Rc::new(Vec::new()),
            ha: None,
            ha_view: None,
            ha_screen: Screen::default(),
            ha_start: (None, None),
        };
        if let Some(id) = &params.lesson {
            if let Some(i) = run.index_of(id) {
                run.open(i, params.step.map(|s| s.saturating_sub(1)));
            } else {
                run.notice = Some(Notice {
                    en: format!("There is no lesson `{id}`."),
                    ko: format!("`{id}` 수업이 없습니다."),
                    error: true,
                });
            }
        }
        run
    }

    fn index_of(&self, id: &str) -> Option<usize> {
        self.lessons
            .iter()
            .position(|e| e.as_ref().is_ok_and(|l| l.id == id))
    }

    pub fn steps(&self) -> usize {
        self.lesson.as_ref().map_or(0, |l| l.steps.len())
    }

    /// Waiting for the student's prediction: the simulation does not run on.
    pub fn awaiting(&self) -> bool {
        self.answer.is_none() && self.current().is_some_and(|s| s.predict.is_some())
    }

    pub fn current(&self) -> Option<&quorum_course::lesson::Step> {
        self.lesson.as_ref().and_then(|l| l.steps.get(self.step))
    }

    /// The run so far, for export.
    pub fn export(&self) -> Option<RunExport> {
        let lesson = self.lesson.as_ref().filter(|_| self.bundled)?;
        let world = self.world.borrow();
        Some(RunExport {
            format: super::export::FORMAT.into(),
            version: 1,
            lesson: lesson.id.clone(),
            step: self.step + 1,
            done: self
                .progress
                .of(&lesson.id)
                .done
                .iter()
                .map(|s| s + 1)
                .collect(),
            answer: self.answer.map(|a| a + 1),
            now_us: world.now(),
            run: world.run_description(),
        })
    }

    fn open(&mut self, index: usize, step: Option<usize>) {
        let Some(Ok(lesson)) = self.lessons.get(index) else {
            return;
        };
        self.lesson = Some(lesson.clone());
        self.bundled = true;
        let step = step.unwrap_or_else(|| self.progress.of(&lesson.id).step);
        self.enter(step, true);
    }

    /// Shows `step`: a jump (`fresh`) rebuilds the world and runs `jump_script`; moving on
    /// keeps the world unless the step rebuilds it, and runs the step's own setup.
    fn enter(&mut self, step: usize, fresh: bool) {
        let Some(lesson) = self.lesson.clone() else {
            return;
        };
        let step = step.min(lesson.steps.len().saturating_sub(1));
        let settings = lesson.settings_at(step);
        let shown = script::view_at(&lesson, step);
        let stage = script::stage(shown, &settings);
        let rebuild = fresh || lesson.rebuilds(step) || stage != self.stage;
        let actions: Vec<Action> = if fresh {
            lesson.jump_script(step)
        } else {
            lesson.steps[step]
                .setup
                .iter()
                .filter(|a| !a.is_setting())
                .cloned()
                .collect()
        };
        self.skipped = lesson.steps[step]
            .setup
            .iter()
            .filter_map(script::unsimulated_setting)
            .collect();
        if rebuild {
            match script::build(&settings) {
                Ok(w) => *self.world.borrow_mut() = w,
                Err(e) => {
                    self.notice = Some(Notice {
                        en: format!("This step's world could not be built: {e:?}"),
                        ko: format!("이 단계의 세계를 만들 수 없습니다: {e:?}"),
                        error: true,
                    });
                }
            }
            self.last_leader = None;
            self.quorum_lost = false;
            self.shell = new_shell(&self.world, settings.machines);
            self.screen = Screen::new(&self.shell.borrow());
            self.experiment = Rc::new(Vec::new());
            self.build_ha(&settings, stage);
        }
        self.step = step;
        self.stage = stage;
        self.shown = shown;
        self.chooser = chooser_at(&lesson, step);
        self.run_script(&actions);
        let topology = (shown == View::Ha).then_some(settings.topology.0);
        self.watch = Watch::begin(&self.world.borrow(), topology);
        self.ha_start = self
            .ha
            .as_ref()
            .map_or((None, None), |c| ha::holders(&c.borrow()));
        self.answer = None;
        let st = &lesson.steps[step];
        self.done = st.task.is_none() && st.predict.is_none();
        self.playing = true;
        self.generation = self.generation.wrapping_add(1);
        if self.bundled {
            self.progress.set_step(&lesson.id, step);
            if self.done {
                self.progress.complete(&lesson.id, step);
            }
            self.progress.save();
            let query = params::with_param(&params::current_query(), "view", "lessons");
            let query = params::with_param(&query, "lesson", &lesson.id);
            params::replace_query(&params::with_param(&query, "step", &(step + 1).to_string()));
        }
        embed::post(&PageEvent::StepShown {
            lesson: lesson.id.clone(),
            step: step + 1,
            steps: lesson.steps.len(),
        });
        self.refresh();
    }

    fn run_script(&mut self, actions: &[Action]) {
        for action in actions {
            if let Action::Terminal { line } = action {
                self.terminal_line(line.clone());
                continue;
            }
            if let Action::Experiment {
                min_us,
                max_us,
                trials,
            } = action
            {
                let mut ranges = (*self.experiment).clone();
                ranges.push((*min_us, *max_us, *trials));
                self.experiment = Rc::new(ranges);
                continue;
            }
            let outcome = match &self.ha {
                Some(c) => ha::run(&mut c.borrow_mut(), action),
                None => script::run(&mut self.world.borrow_mut(), action),
            };
            if let Outcome::Skipped(words) = outcome {
                self.skipped.push(words);
            }
        }
    }

    /// Redraws, watches, checks the task and tells the parent page what happened.
    fn refresh(&mut self) {
        let world = self.world.borrow();
        self.view = Rc::new(world::view(&world));
        self.watch.observe(&world);
        let goals = self
            .current()
            .and_then(|s| s.task.as_ref())
            .map(|t| t.goals.clone())
            .unwrap_or_default();
        let cluster = self.ha.as_ref().map(|c| c.borrow());
        self.ha_view = cluster.as_ref().map(|c| Rc::new(c.view()));
        self.checks = goals
            .iter()
            .map(|g| {
                cluster
                    .as_ref()
                    .and_then(|c| ha::check(g, c, &self.ha_start))
                    .unwrap_or_else(|| goals::check(g, &world, &self.watch))
            })
            .collect();
        drop(cluster);
        let leader = world.leader();
        if leader != self.last_leader {
            if let Some(l) = leader {
                let term = world.node(l).map_or(0, |n| n.term());
                embed::post(&PageEvent::LeaderElected { leader: l, term });
            }
            self.last_leader = leader;
        }
        let lost = goals::quorum_lost(&world);
        if lost && !self.quorum_lost {
            embed::post(&PageEvent::QuorumLost);
        }
        self.quorum_lost = lost;
        drop(world);
        let all_met = !self.checks.is_empty() && self.checks.iter().all(|c| *c == Check::Met);
        if !self.done && all_met && !self.awaiting() {
            self.complete();
        }
    }

    fn complete(&mut self) {
        self.done = true;
        let Some(lesson) = self.lesson.clone() else {
            return;
        };
        if self.bundled {
            self.progress.complete(&lesson.id, self.step);
            self.progress.save();
        }
        embed::post(&PageEvent::StepCompleted {
            lesson: lesson.id.clone(),
            step: self.step + 1,
            steps: lesson.steps.len(),
        });
    }

    fn simulated_us(&self, wall_ms: f64) -> u64 {
        (wall_ms * 1000.0 * 2f64.powi(self.speed_log2))
            .round()
            .max(0.0) as u64
    }

    fn act(&mut self, action: StudentAction) {
        if self.awaiting() {
            return;
        }
        if let StudentAction::HaToggle(failure) = action {
            if let Some(c) = &self.ha {
                let mut c = c.borrow_mut();
                if c.failures().any(|f| *f == failure) {
                    c.restore(&failure);
                } else {
                    // Refused only for a host that does not exist; the buttons name real ones.
                    let _ = c.apply(failure);
                }
            }
            return;
        }
        let mut world = self.world.borrow_mut();
        match action {
            StudentAction::HaToggle(_) => {}
            StudentAction::Toggle(node) => {
                let up = world.nodes().iter().any(|n| n.id == node && n.up);
                let _ = world.apply(if up {
                    UserAction::StopNode { node }
                } else {
                    UserAction::RestartNode { node }
                });
            }
            StudentAction::Isolate(node) => {
                let rest = world
                    .node_ids()
                    .into_iter()
                    .filter(|n| *n != node)
                    .collect();
                let _ = world.apply(UserAction::Partition {
                    groups: vec![vec![node], rest],
                });
            }
            StudentAction::Heal => {
                let _ = world.apply(UserAction::Heal);
            }
            StudentAction::Write { key, value } => {
                if script::write(&mut world, &key, &value) == Outcome::WriteRefused {
                    self.watch.write_refused = true;
                }
            }
            StudentAction::AddServer => {
                let node = script::next_id(&world);
                let _ = world.apply(UserAction::AddNode { node });
            }
        }
    }

    /// Runs the terminal and shows what it printed (echoing the line typed, if any); the
    /// step's watch sees the output and, for the student's own lines, what was typed.
    fn in_terminal(
        &mut self,
        echo: Option<String>,
        run: impl FnOnce(&mut Shell<SimBackend>) -> Output,
    ) {
        let out = run(&mut self.shell.borrow_mut());
        for line in &out.lines {
            self.watch.printed(&line.text);
        }
        self.screen.show(&self.shell.borrow(), echo, out);
    }

    /// What the lesson's empty terminal suggests: on fresh machines, that etcd is not
    /// installed yet; otherwise the terminal's own etcd hint.
    pub fn terminal_hint(&self, lang: crate::i18n::Lang) -> Option<String> {
        let fresh = self
            .lesson
            .as_ref()
            .is_some_and(|l| l.settings_at(self.step).machines == Machines::Fresh);
        fresh.then(|| {
            crate::i18n::tr(
                lang,
                "Fresh machines: etcd is not installed yet, and the certificates are in the home directory. Follow the step's task.",
                "새 머신입니다. etcd는 아직 설치되지 않았고 인증서는 홈 디렉터리에 있습니다. 단계의 과제를 따라 하세요.",
            )
            .to_string()
        })
    }

    /// A line the student typed (ignored while a prediction is awaited).
    fn typed(&mut self, line: String) {
        if self.awaiting() {
            return;
        }
        self.watch.typed(&line);
        self.terminal_line(line);
    }

    /// A terminal line, from the script or the student: the HA step's kubectl terminal,
    /// or the etcd shell.
    fn terminal_line(&mut self, line: String) {
        match self.ha.clone() {
            Some(c) => {
                let lines = ha::terminal_line(&mut c.borrow_mut(), &line);
                for l in &lines {
                    self.watch.printed(&l.text);
                }
                let prompt = format!("controlplane-1 $ {line}");
                let mut shown = vec![TermLine::echo(prompt)];
                shown.extend(lines);
                self.ha_screen.push(shown);
            }
            None => self.in_terminal(Some(line.clone()), |shell| shell.input(&line)),
        }
    }

    /// The HA step's control plane (`None` outside HA steps), warmed up.
    fn build_ha(&mut self, settings: &quorum_course::lesson::Settings, stage: Stage) {
        self.ha_screen = Screen::default();
        self.ha = None;
        if stage == Stage::Raft {
            return;
        }
        match ha::build(settings) {
            Ok(c) => self.ha = Some(Rc::new(RefCell::new(c))),
            Err(e) => {
                self.notice = Some(Notice {
                    en: format!("This step's control plane could not be built: {e:?}"),
                    ko: format!("이 단계의 컨트롤 플레인을 만들 수 없습니다: {e:?}"),
                    error: true,
                });
            }
        }
    }

    fn answer(&mut self, choice: usize) {
        let Some(predict) = self.current().and_then(|s| s.predict.clone()) else {
            return;
        };
        if self.answer.is_some() || choice >= predict.choices.len() {
            return;
        }
        self.answer = Some(choice);
        self.run_script(&predict.reveal);
        self.playing = true;
        if self.current().is_some_and(|s| s.task.is_none()) {
            self.complete();
        }
    }

    fn import(&mut self, run: RunExport) {
        let Some(index) = self.index_of(&run.lesson) else {
            return;
        };
        let world = match World::new(run.run.clone()) {
            Ok(mut w) => {
                w.advance_to(run.now_us);
                w
            }
            Err(e) => {
                self.notice = Some(Notice {
                    en: format!("The imported run does not build a world: {e:?}"),
                    ko: format!("가져온 실행으로 세계를 만들 수 없습니다: {e:?}"),
                    error: true,
                });
                return;
            }
        };
        let Some(Ok(lesson)) = self.lessons.get(index).cloned() else {
            return;
        };
        let step = run.step.saturating_sub(1);
        for done in &run.done {
            self.progress.complete(&lesson.id, done.saturating_sub(1));
        }
        self.lesson = Some(lesson.clone());
        self.bundled = true;
        self.step = step;
        let settings = lesson.settings_at(step);
        self.shown = script::view_at(&lesson, step);
        self.stage = script::stage(self.shown, &settings);
        self.chooser = chooser_at(&lesson, step);
        *self.world.borrow_mut() = world;
        // An HA step's control plane starts afresh (the run holds the Raft world only).
        self.build_ha(&settings, self.stage);
        let topology = (self.shown == View::Ha).then_some(settings.topology.0);
        self.watch = Watch::begin(&self.world.borrow(), topology);
        self.ha_start = self
            .ha
            .as_ref()
            .map_or((None, None), |c| ha::holders(&c.borrow()));
        self.answer = run.answer.map(|a| a.saturating_sub(1));
        self.done = self.progress.of(&lesson.id).done.contains(&step);
        self.skipped.clear();
        self.generation = self.generation.wrapping_add(1);
        self.progress.set_step(&lesson.id, step);
        self.progress.save();
        self.notice = Some(Notice {
            en: format!("Imported a run of `{}` at step {}.", lesson.id, step + 1),
            ko: format!(
                "`{}` 수업의 {}단계 실행을 가져왔습니다.",
                lesson.id,
                step + 1
            ),
            error: false,
        });
        self.refresh();
    }
}

/// The chooser preselection in force at `step`.
fn chooser_at(lesson: &Lesson, step: usize) -> Option<(Purpose, Place)> {
    lesson
        .steps
        .iter()
        .take(step.saturating_add(1))
        .flat_map(|s| s.setup.iter())
        .filter_map(|a| match a {
            Action::Chooser { purpose, place } => Some((*purpose, *place)),
            _ => None,
        })
        .next_back()
}

impl Reducible for Run {
    type Action = RunAction;

    fn reduce(self: Rc<Self>, action: RunAction) -> Rc<Self> {
        if let RunAction::Frame(_) = action {
            if !self.playing || self.awaiting() || self.lesson.is_none() {
                return self;
            }
        }
        let mut next = (*self).clone();
        match action {
            // Time passes through the terminal's shell, so `watch` streams print and
            // leases expire as on the lab's terminal.
            RunAction::Frame(ms) => {
                let us = next.simulated_us(ms);
                match &next.ha {
                    Some(c) => c.borrow_mut().advance(us),
                    None => {
                        let step = i64::try_from(us).unwrap_or(i64::MAX);
                        next.in_terminal(None, |shell| shell.tick(step));
                    }
                }
                next.refresh();
            }
            RunAction::TogglePlay => next.playing = !next.playing,
            RunAction::SetPlaying(on) => next.playing = on,
            RunAction::SetSpeed(s) => next.speed_log2 = s,
            RunAction::Open(i) => next.open(i, None),
            RunAction::OpenCustom(lesson) => {
                next.lesson = Some(lesson);
                next.bundled = false;
                next.enter(0, true);
            }
            RunAction::Close => next.lesson = None,
            RunAction::Goto(step) => next.enter(step, true),
            RunAction::Next if next.step + 1 < next.steps() => next.enter(next.step + 1, false),
            RunAction::Back if next.step > 0 => next.enter(next.step - 1, true),
            RunAction::Next | RunAction::Back => return self,
            RunAction::Reset => next.enter(next.step, true),
            RunAction::Answer(choice) => {
                next.answer(choice);
                next.refresh();
            }
            RunAction::Act(a) => {
                next.act(a);
                next.refresh();
            }
            RunAction::Chooser(event) => {
                next.watch.chooser(event);
                next.refresh();
            }
            RunAction::Opened(view) => {
                next.watch.opened.insert(view.name());
                next.refresh();
            }
            RunAction::Import(run) => next.import(*run),
            RunAction::Notice(n) => next.notice = n,
            RunAction::Terminal(line) => {
                next.typed(line);
                next.refresh();
            }
            RunAction::Interrupt => {
                next.in_terminal(None, |shell| shell.interrupt());
                next.refresh();
            }
            RunAction::ExperimentRanges(n) => {
                let n = u32::try_from(n).unwrap_or(u32::MAX);
                next.watch.experiment_ranges = next.watch.experiment_ranges.max(n);
                next.refresh();
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quorum_course::lesson::bundle;

    /// A lesson step's world and terminal as the player builds them, with the step's setup
    /// run; then the student's `typed` lines; returns whether every goal of the task is met.
    fn play_terminal_step(lesson: &str, step: usize, typed: &[&str]) -> Vec<Check> {
        let l = bundle()
            .into_iter()
            .flatten()
            .find(|l| l.id == lesson)
            .expect("bundled lesson");
        let settings = l.settings_at(step);
        let world = Rc::new(RefCell::new(script::build(&settings).expect("world")));
        let shell = new_shell(&world, settings.machines);
        for action in l.jump_script(step) {
            if let Action::Terminal { line } = action {
                shell.borrow_mut().input(&line);
            }
        }
        let mut watch = Watch::begin(&world.borrow(), None);
        for line in typed {
            watch.typed(line);
            for out in shell.borrow_mut().input(line).lines {
                watch.printed(&out.text);
            }
        }
        let w = world.borrow();
        l.steps[step]
            .task
            .as_ref()
            .map(|t| {
                t.goals
                    .iter()
                    .map(|g| goals::check(g, &w, &watch))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn etcd_install_terminal_steps_are_checked_on_the_shell() {
        let unpack = play_terminal_step(
            "etcd-install",
            1,
            &[
                "tar -xvf etcd-v3.3.9-linux-amd64.tar.gz",
                "mv etcd-v3.3.9-linux-amd64/etcd* /usr/local/bin/",
            ],
        );
        assert_eq!(unpack, vec![Check::Met, Check::Met]);
        let v3 = play_terminal_step(
            "etcd-install",
            4,
            &[
                "export ETCDCTL_API=3",
                "etcdctl put name john",
                "etcdctl get name",
            ],
        );
        assert_eq!(v3, vec![Check::Met, Check::Met, Check::Met]);
        // Typing something else meets nothing.
        let idle = play_terminal_step("etcd-install", 4, &["ls"]);
        assert!(idle.iter().all(|c| *c != Check::Met), "{idle:?}");
    }

    #[test]
    fn fresh_machines_have_no_etcdctl_until_installed() {
        let l = bundle()
            .into_iter()
            .flatten()
            .find(|l| l.id == "etcd-install")
            .expect("bundled lesson");
        let settings = l.settings_at(0);
        assert_eq!(settings.machines, Machines::Fresh);
        let world = Rc::new(RefCell::new(script::build(&settings).expect("world")));
        let shell = new_shell(&world, settings.machines);
        let out = shell.borrow_mut().input("etcdctl version");
        assert!(out
            .lines
            .iter()
            .any(|l| l.text.contains("command not found")));
        assert!(
            world.borrow().nodes().iter().all(|n| !n.up),
            "members stopped"
        );
    }
}

#[cfg(test)]
mod every_lesson {
    use super::*;
    use quorum_course::lesson::{bundle, Elected, Target};

    /// Every step of every bundled lesson builds its world (or, in HA steps, its control
    /// plane) and runs its script here: terminal lines and experiments are the player's
    /// own; everything else maps onto the simulator or the control-plane model, and every
    /// goal is checked by one of them.
    #[test]
    fn every_step_runs_on_the_player_and_every_goal_is_checked() {
        for lesson in bundle().into_iter().flatten() {
            for step in 0..lesson.steps.len() {
                let at = format!("{} step {}", lesson.id, step + 1);
                let settings = lesson.settings_at(step);
                let stage = script::stage(script::view_at(&lesson, step), &settings);
                let world = Rc::new(RefCell::new(
                    script::build(&settings).unwrap_or_else(|e| panic!("{at}: {e:?}")),
                ));
                let cluster = (stage != Stage::Raft)
                    .then(|| ha::build(&settings).unwrap_or_else(|e| panic!("{at}: {e:?}")));
                let mut cluster = cluster;
                let shell = new_shell(&world, settings.machines);
                let mut actions = lesson.jump_script(step);
                if let Some(p) = &lesson.steps[step].predict {
                    actions.extend(p.reveal.iter().cloned());
                }
                for action in actions {
                    let outcome = match (&action, cluster.as_mut()) {
                        (Action::Terminal { line }, None) => {
                            shell.borrow_mut().input(line);
                            Outcome::Done
                        }
                        (Action::Terminal { line }, Some(c)) => {
                            ha::terminal_line(c, line);
                            Outcome::Done
                        }
                        (Action::Experiment { .. }, _) => Outcome::Done,
                        (_, Some(c)) => ha::run(c, &action),
                        (_, None) => script::run(&mut world.borrow_mut(), &action),
                    };
                    assert!(
                        !matches!(outcome, Outcome::Skipped(_)),
                        "{at}: {action:?} skipped"
                    );
                }
                let watch = Watch::begin(&world.borrow(), None);
                let start = cluster.as_ref().map_or((None, None), ha::holders);
                for goal in lesson.steps[step].task.iter().flat_map(|t| t.goals.iter()) {
                    let check = cluster
                        .as_ref()
                        .and_then(|c| ha::check(goal, c, &start))
                        .unwrap_or_else(|| goals::check(goal, &world.borrow(), &watch));
                    assert!(
                        !matches!(check, Check::Unchecked(_)),
                        "{at}: {goal:?} unchecked"
                    );
                }
            }
        }
    }

    /// The HA lesson on the control-plane model: stopping the active kube-scheduler hands
    /// its Lease to a standby within the lease duration and a few retries; two stacked
    /// control-plane nodes down lose etcd's quorum, two of an external topology do not.
    #[test]
    fn the_ha_lesson_plays_on_the_control_plane_model() {
        let l = bundle()
            .into_iter()
            .flatten()
            .find(|l| l.id == "ha-control-plane")
            .expect("bundled lesson");
        let mut c = ha::build(&l.settings_at(1)).expect("cluster");
        let before = ha::holders(&c);
        assert!(
            before.1.is_some(),
            "a scheduler holds its Lease after the warm-up"
        );
        let stop = Action::Stop {
            target: Target::Active(Elected::Scheduler),
        };
        assert_eq!(ha::run(&mut c, &stop), Outcome::Done);
        c.advance(30_000_000);
        let goal = quorum_course::lesson::Goal::ActiveChanged {
            which: Elected::Scheduler,
        };
        assert_eq!(ha::check(&goal, &c, &before), Some(Check::Met));

        for (step, lost) in [(2, true), (3, false)] {
            let mut c = ha::build(&l.settings_at(step)).expect("cluster");
            for n in [1, 2] {
                let stop = Action::Stop {
                    target: Target::ControlPlane(n),
                };
                assert_eq!(ha::run(&mut c, &stop), Outcome::Done);
            }
            c.advance(10_000_000);
            assert_eq!(ha::hosts_down(&c), 2);
            assert_eq!(c.view().etcd_quorum.is_none(), lost, "step {}", step + 1);
        }
    }
}
