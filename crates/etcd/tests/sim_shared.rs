//! The page's lab shares one world between the cluster view and the terminal: what one
//! does, the other sees.

use std::cell::RefCell;
use std::rc::Rc;

use quorum_etcd::sim_backend::{etcd_world, settle};
use quorum_etcd::{Scenario, Shell, SimBackend};
use quorum_sim::UserAction;

#[path = "sim_common/mod.rs"]
mod sim_common;
use sim_common::run;

#[test]
fn cluster_view_and_terminal_share_one_world() {
    let mut w = etcd_world(3, 5).expect("world");
    settle(&mut w);
    let world = Rc::new(RefCell::new(w));
    let mut t = Shell::new(
        SimBackend::from_world(Rc::clone(&world)),
        Scenario::Installed,
    );

    // A client button of the cluster view writes through node 2 ...
    let write = UserAction::ClientWrite {
        node: 2,
        key: "k0".into(),
        value: "from-the-lab".into(),
    };
    world.borrow_mut().apply(write).expect("client write");
    let out = run(
        &mut t,
        "@tick 1\nexport ETCDCTL_API=3\netcdctl get k0\netcdctl put k1 from-the-terminal\n",
    );
    // ... and the terminal reads it.
    assert!(out.contains("k0\nfrom-the-lab\n"), "{out}");
    // The terminal's write is in every node's state machine the view draws.
    t.tick(1_000_000);
    for id in world.borrow().node_ids() {
        let w = world.borrow();
        let sm = w.state_machine(id).expect("node");
        assert_eq!(sm.v3.revision(), 3, "node {id}");
    }
    // The view stops node 1: the terminal's machine sees its etcd inactive.
    world
        .borrow_mut()
        .apply(UserAction::StopNode { node: 1 })
        .expect("stop");
    let out = run(&mut t, "systemctl is-active etcd\netcdctl get k0\n");
    assert!(out.contains("inactive\n"), "{out}");
    assert!(
        out.contains("2> Error: context deadline exceeded\n"),
        "{out}"
    );
}
