use super::*;
use crate::cluster::{Failure, SECOND};
use crate::topology::TopologySpec;

fn cluster() -> Cluster {
    Cluster::started(TopologySpec::stacked(3, 2), 21).unwrap()
}

fn run(c: &mut Cluster, line: &str) -> KubectlOutput {
    c.kubectl_line(line, &LiteMap::new())
}

#[test]
fn get_nodes_prints_a_kubectl_table() {
    let mut c = cluster();
    let out = run(&mut c, "kubectl get nodes");
    assert_eq!(out.status, 0);
    let text = out.stdout();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "NAME             STATUS   ROLES           AGE   VERSION"
    );
    assert_eq!(
        lines[1],
        "controlplane-1   Ready    control-plane   60s   v1.31.0"
    );
    assert_eq!(
        lines[4],
        "node01           Ready    <none>          60s   v1.31.0"
    );
    assert_eq!(lines.len(), 6);
}

#[test]
fn leases_and_static_pods_in_kube_system() {
    let mut c = cluster();
    let out = run(&mut c, "get lease -n kube-system");
    let text = out.stdout();
    assert!(
        text.starts_with("NAME                      HOLDER"),
        "{text}"
    );
    assert!(
        text.contains("\nkube-controller-manager   controlplane-"),
        "{text}"
    );
    assert!(
        text.contains("\nkube-scheduler            controlplane-"),
        "{text}"
    );
    let pods = run(&mut c, "get pods -n kube-system").stdout();
    assert!(pods.contains("etcd-controlplane-1"), "{pods}");
    assert!(pods.contains("kube-apiserver-controlplane-3"), "{pods}");
    let yaml = run(&mut c, "get lease kube-scheduler -n kube-system -o yaml").stdout();
    assert!(yaml.contains("  leaseDurationSeconds: 15\n"), "{yaml}");
    assert!(yaml.contains("  leaseTransitions: 0\n"), "{yaml}");
    // resourceVersion is the Lease key's mod_revision in the etcd member that answered.
    let version: i64 = yaml
        .lines()
        .find_map(|l| l.strip_prefix("  resourceVersion: \""))
        .and_then(|v| v.trim_end_matches('"').parse().ok())
        .expect("a resourceVersion");
    let member = c.etcd().leader().unwrap();
    let state = c
        .etcd()
        .world()
        .state_machine(u64::from(member) + 1)
        .unwrap();
    let kv = state
        .v3
        .range(&quorum_etcd::mvcc::RangeRequest {
            key: "/registry/leases/kube-system/kube-scheduler".into(),
            ..Default::default()
        })
        .unwrap()
        .kvs
        .remove(0);
    // The scheduler may have renewed since the read: never newer than etcd's.
    assert!(
        version <= kv.mod_revision && version > kv.create_revision,
        "{yaml}"
    );
    let empty = run(&mut c, "get leases");
    assert_eq!(
        (empty.status, empty.stderr().as_str()),
        (0, "No resources found in default namespace.\n")
    );
}

#[test]
fn create_delete_and_apply() {
    let mut c = cluster();
    let out = run(
        &mut c,
        "create deployment api --image=nginx:1.27 --replicas=2",
    );
    assert_eq!(
        (out.status, out.stdout().as_str()),
        (0, "deployment.apps/api created\n")
    );
    let again = run(&mut c, "create deployment api --image=nginx");
    assert_eq!(
        again.stderr(),
        "error: failed to create deployment: deployments.apps \"api\" already exists\n"
    );
    assert_eq!(again.status, 1);
    assert_eq!(
        run(&mut c, "create deployment x").stderr(),
        "error: required flag(s) \"image\" not set\n"
    );
    c.advance(5 * SECOND);
    let pods = run(&mut c, "get pods").stdout();
    assert_eq!(
        pods.lines().filter(|l| l.starts_with("api-")).count(),
        2,
        "{pods}"
    );
    let victim = pods
        .lines()
        .find(|l| l.starts_with("api-"))
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let del = run(&mut c, &format!("delete pod {victim}"));
    assert_eq!(del.stdout(), format!("pod \"{victim}\" deleted\n"));
    let missing = run(&mut c, "delete pod nope");
    assert_eq!(
        missing.stderr(),
        "Error from server (NotFound): pods \"nope\" not found\n"
    );
    c.advance(3 * SECOND);
    let pods = run(&mut c, "get pods").stdout();
    assert_eq!(
        pods.lines().filter(|l| l.starts_with("api-")).count(),
        2,
        "recreated: {pods}"
    );
    assert!(!pods.contains(&victim));

    let mut files = LiteMap::new();
    files.insert("web.yaml".to_string(), "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n      - name: nginx\n        image: nginx\n".to_string());
    let applied = c.kubectl_line("kubectl apply -f web.yaml", &files);
    assert_eq!(applied.stdout(), "deployment.apps/web configured\n");
    assert_eq!(
        c.kubectl_line("kubectl apply -f web.yaml", &files).stdout(),
        "deployment.apps/web unchanged\n"
    );
    assert_eq!(
        c.kubectl_line("kubectl apply -f nope.yaml", &files)
            .stderr(),
        "error: the path \"nope.yaml\" does not exist\n"
    );
}

#[test]
fn errors_when_the_control_plane_is_broken() {
    let mut c = cluster();
    c.apply(Failure::StopHost(HostId::ControlPlane(0))).unwrap();
    c.apply(Failure::StopHost(HostId::ControlPlane(1))).unwrap();
    let before = c.now_us();
    let out = run(&mut c, "get pods");
    assert_eq!(
        out.stderr(),
        "Error from server: etcdserver: request timed out\n"
    );
    assert_eq!(out.status, 1);
    assert_eq!(
        c.now_us() - before,
        7 * SECOND,
        "the command waited for etcd's timeout"
    );
    let write = run(&mut c, "create deployment db --image=postgres");
    assert_eq!(
        write.stderr(),
        "Error from server: etcdserver: request timed out\n"
    );
    c.restore_all();
    c.apply(Failure::FailLoadBalancer).unwrap();
    let refused = run(&mut c, "get nodes");
    assert_eq!(refused.stderr(), "The connection to the server 10.240.0.100:6443 was refused - did you specify the right host or port?\n");
    assert_eq!(refused.status, 1);
}

#[test]
fn bad_commands() {
    let mut c = cluster();
    let out = run(&mut c, "kubectl frobnicate");
    assert_eq!(
        out.stderr(),
        "error: unknown command \"frobnicate\" for \"kubectl\"\nRun 'kubectl --help' for usage.\n"
    );
    assert_eq!(
        run(&mut c, "get widgets").stderr(),
        "error: the server doesn't have a resource type \"widgets\"\n"
    );
    assert_eq!(
        run(&mut c, "get pods -n").stderr(),
        "error: flag needs an argument: -n\n"
    );
    assert_eq!(run(&mut c, "get pods --bogus").status, 1);
}

#[test]
fn the_apiserver_unit_shows_the_topologys_etcd_servers() {
    let c = Cluster::started(TopologySpec::external(3, 3, 1), 1).unwrap();
    let unit = c
        .read_file(HostId::ControlPlane(1), APISERVER_UNIT_PATH)
        .unwrap();
    assert!(unit.contains(
        "--etcd-servers=https://10.240.0.30:2379,https://10.240.0.31:2379,https://10.240.0.32:2379"
    ));
    assert!(c
        .read_file(HostId::Worker(0), APISERVER_UNIT_PATH)
        .is_none());
}
