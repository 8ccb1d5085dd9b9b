//! The page's state as a Yew `Reducible`: the simulated world plus the controls around it.
//! The world is mutated in place (cloning it every frame would be wasteful); each action
//! returns a new `Rc<Lab>` with a fresh `ClusterView`, so views re-render from plain data.

use crate::model::ClusterView;
use crate::params::Params;
use crate::world::{self, LabWorld};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

pub struct Lab {
    world: Rc<RefCell<LabWorld>>,
    pub view: ClusterView,
    pub playing: bool,
    pub speed_log2: i32,
}

pub enum LabAction {
    /// An animation frame: this much wall-clock time passed, in milliseconds.
    Frame(f64),
    TogglePlay,
    SetSpeed(i32),
}

impl Lab {
    pub fn new(params: &Params) -> Lab {
        // Params are clamped to what the simulator accepts, so this cannot fail; if it ever
        // does, the panic overlay explains it rather than showing a blank page.
        let world = world::new_world(params.nodes, params.seed)
            .expect("the URL settings make a valid world");
        let view = world::view(&world);
        Lab {
            world: Rc::new(RefCell::new(world)),
            view,
            playing: !params.paused,
            speed_log2: params.speed_log2,
        }
    }

    fn with(self: Rc<Self>, change: impl FnOnce(&mut Lab)) -> Rc<Self> {
        let mut next = Lab {
            world: self.world.clone(),
            view: self.view.clone(),
            playing: self.playing,
            speed_log2: self.speed_log2,
        };
        change(&mut next);
        Rc::new(next)
    }

    /// Simulated microseconds that correspond to `wall_ms` at the current speed.
    fn simulated_us(&self, wall_ms: f64) -> u64 {
        (wall_ms * 1000.0 * 2f64.powi(self.speed_log2))
            .round()
            .max(0.0) as u64
    }
}

impl Reducible for Lab {
    type Action = LabAction;

    fn reduce(self: Rc<Self>, action: LabAction) -> Rc<Self> {
        match action {
            LabAction::Frame(wall_ms) if self.playing => {
                let step = self.simulated_us(wall_ms);
                let view = {
                    let mut world = self.world.borrow_mut();
                    let target = world.now().saturating_add(step);
                    world.advance_to(target);
                    world::view(&world)
                };
                self.with(|lab| lab.view = view)
            }
            LabAction::Frame(_) => self,
            LabAction::TogglePlay => self.with(|lab| lab.playing = !lab.playing),
            LabAction::SetSpeed(speed) => self.with(|lab| lab.speed_log2 = speed),
        }
    }
}
