//! A `kubectl` against the model, with kubectl's real output and errors. Every command
//! is a request through the load balancer, so it fails the way the real one would:
//! `The connection to the server … was refused` with the load balancer down,
//! `Error from server: etcdserver: request timed out` (after 7 s of simulated time)
//! when etcd has no quorum. A command's requests go to the simulated etcd (a get is a
//! linearizable range, a create a transaction on `create_revision == 0`, apply and
//! delete are a put and a delete) and the cluster runs while the command waits for
//! them, so its clock has moved on by the time the command took.

pub mod format;
pub mod manifest;

use crate::cluster::objects::{
    key, pod_key, ConfigMap, Deployment, NodeRole, Obj, Objects, Pod, PodPhase,
};
use crate::cluster::writes;
use crate::cluster::{ApiError, Client, Cluster, ComponentKind, Elected, ReqKind};
use crate::topology::{EtcdTopology, HostId};
use format::{human_duration, micro_time, table, timestamp};
use litemap::LiteMap;
use quorum_etcd::Response;
use serde::Serialize;

/// Which stream a line goes to (the same shape as the etcd terminal's lines).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Stream {
    Stdout,
    Stderr,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Line {
    pub stream: Stream,
    pub text: String,
}

/// What one kubectl command printed, its exit status and how long it took.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct KubectlOutput {
    pub lines: Vec<Line>,
    pub status: i32,
    pub took_us: u64,
}

impl KubectlOutput {
    pub fn stdout(&self) -> String {
        self.text(Stream::Stdout)
    }

    pub fn stderr(&self) -> String {
        self.text(Stream::Stderr)
    }

    fn text(&self, stream: Stream) -> String {
        self.lines
            .iter()
            .filter(|l| l.stream == stream)
            .map(|l| format!("{}\n", l.text))
            .collect()
    }
}

/// The Kubernetes version the model reports.
pub const KUBE_VERSION: &str = "v1.31.0";

/// The path of the unit file the terminal can `cat`.
pub const APISERVER_UNIT_PATH: &str = "/etc/systemd/system/kube-apiserver.service";

#[derive(Debug, Default)]
struct Args<'a> {
    positional: Vec<&'a str>,
    namespace: Option<String>,
    all_namespaces: bool,
    filename: Option<String>,
    output: Option<String>,
    image: Option<String>,
    replicas: Option<String>,
}

struct Run<'a> {
    c: &'a mut Cluster,
    out: KubectlOutput,
    /// The objects the last read returned (what `get` prints and `apply` compares).
    listed: Option<Objects>,
}

impl Cluster {
    /// Run `kubectl` with `args` (without the leading `kubectl`). `files` holds what
    /// `apply -f` may read.
    pub fn kubectl(&mut self, args: &[&str], files: &LiteMap<String, String>) -> KubectlOutput {
        let mut run = Run {
            c: self,
            out: KubectlOutput::default(),
            listed: None,
        };
        match parse_args(args) {
            Ok(parsed) => run.dispatch(&parsed, files),
            Err(message) => run.fail(&message),
        }
        run.out
    }

    /// Split a command line on whitespace and run it (a leading `kubectl` is optional).
    pub fn kubectl_line(&mut self, line: &str, files: &LiteMap<String, String>) -> KubectlOutput {
        let words: Vec<&str> = line.split_whitespace().collect();
        let args = match words.first() {
            Some(&"kubectl") => &words[1..],
            _ => &words[..],
        };
        self.kubectl(args, files)
    }

    /// Files the terminal may `cat` on `host`: the API server unit on control-plane nodes.
    pub fn read_file(&self, host: HostId, path: &str) -> Option<String> {
        match host {
            HostId::ControlPlane(cp) if path == APISERVER_UNIT_PATH => {
                Some(self.spec().apiserver_unit(cp))
            }
            _ => None,
        }
    }
}

fn parse_args<'a>(args: &[&'a str]) -> Result<Args<'a>, String> {
    let mut parsed = Args::default();
    let mut i = 0;
    while i < args.len() {
        let arg = args[i];
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with('-') => (f, Some(v.to_string())),
            _ => (arg, None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            if let Some(v) = inline.clone() {
                return Ok(v);
            }
            i += 1;
            args.get(i)
                .map(|s| s.to_string())
                .ok_or_else(|| format!("error: flag needs an argument: {name}"))
        };
        match flag {
            "-n" | "--namespace" => parsed.namespace = Some(value(flag)?),
            "-A" | "--all-namespaces" => parsed.all_namespaces = true,
            "-f" | "--filename" => parsed.filename = Some(value(flag)?),
            "-o" | "--output" => parsed.output = Some(value(flag)?),
            "--image" => parsed.image = Some(value(flag)?),
            "--replicas" => parsed.replicas = Some(value(flag)?),
            f if f.starts_with('-') => return Err(format!("error: unknown flag: {f}")),
            _ => parsed.positional.push(arg),
        }
        i += 1;
    }
    Ok(parsed)
}

impl Run<'_> {
    fn say(&mut self, text: impl Into<String>) {
        self.out.lines.push(Line {
            stream: Stream::Stdout,
            text: text.into(),
        });
    }

    fn fail(&mut self, text: &str) {
        for line in text.lines() {
            self.out.lines.push(Line {
                stream: Stream::Stderr,
                text: line.to_string(),
            });
        }
        self.out.status = 1;
    }

    /// Send one request through the load balancer and wait for its answer; on failure
    /// print kubectl's error.
    fn request(&mut self, kind: ReqKind, req: quorum_etcd::Request) -> Option<Response> {
        let start = self.c.now_us();
        let result = self.c.call(Client::Kubectl, kind, req);
        self.out.took_us += self.c.now_us().saturating_sub(start);
        match result {
            Ok(response) => {
                if let Response::Range(r) = &response {
                    let revision = u64::try_from(r.revision).unwrap_or(0);
                    self.listed = Some(Objects::from_kvs(revision, &r.kvs));
                }
                Some(response)
            }
            Err(e) => {
                let text = match e {
                    ApiError::ConnectionRefused { address } => format!(
                        "The connection to the server {address} was refused - did you specify the right host or port?"
                    ),
                    ApiError::EtcdTimeout => {
                        "Error from server: etcdserver: request timed out".to_string()
                    }
                    ApiError::ApiServerTimeout => "Error from server (Timeout): Timeout: request did not complete within requested timeout - context deadline exceeded".to_string(),
                };
                self.fail(&text);
                None
            }
        }
    }

    /// What the last read returned, or the watch cache before any read.
    fn seen(&self) -> &Objects {
        self.listed.as_ref().unwrap_or(self.c.objects())
    }

    fn dispatch(&mut self, a: &Args, files: &LiteMap<String, String>) {
        match a.positional.first().copied() {
            None => self.say("kubectl controls the Kubernetes cluster manager.\n\nBasic Commands: create, get, delete, apply\n\nUsage:\n  kubectl [flags] [options]"),
            Some("get") => self.get(a),
            Some("create") => self.create(a),
            Some("delete") => self.delete(a),
            Some("apply") => self.apply(a, files),
            Some(other) => self.fail(&format!(
                "error: unknown command \"{other}\" for \"kubectl\"\nRun 'kubectl --help' for usage."
            )),
        }
    }

    fn namespace(a: &Args) -> String {
        a.namespace.clone().unwrap_or_else(|| "default".to_string())
    }

    // ---- get -----------------------------------------------------------------------

    fn get(&mut self, a: &Args) {
        let Some(resource) = a.positional.get(1).copied() else {
            self.fail("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples.");
            return;
        };
        // One linearizable range over the registry: the rows below are what it returned
        // (a deployment's READY counts its pods, so one resource's prefix is not enough).
        let everything = writes::list(crate::cluster::objects::REGISTRY_PREFIX);
        if self.request(ReqKind::Read, everything).is_none() {
            return;
        }
        let name = a.positional.get(2).copied();
        let ns = Self::namespace(a);
        if let Some(format) = a
            .output
            .as_deref()
            .filter(|f| !matches!(*f, "wide" | "yaml"))
        {
            return self.fail(&format!(
                "error: output format \"{format}\" is not supported by this simulator (try -o yaml on a lease)"
            ));
        }
        match resource {
            "nodes" | "node" | "no" => self.print(a, "nodes", "", name, self.node_rows(), false),
            "pods" | "pod" | "po" => {
                let rows = self.pod_rows();
                self.print(a, "pods", &ns, name, rows, true)
            }
            "deployments" | "deployment" | "deploy" => {
                let rows = self.deployment_rows();
                self.print(a, "deployments.apps", &ns, name, rows, true)
            }
            "leases" | "lease" => {
                if a.output.as_deref() == Some("yaml") {
                    return self.lease_yaml(&ns, name);
                }
                let rows = self.lease_rows();
                self.print(a, "leases.coordination.k8s.io", &ns, name, rows, true)
            }
            other => self.fail(&format!(
                "error: the server doesn't have a resource type \"{other}\""
            )),
        }
    }

    /// Print `rows` (namespace, name, cells incl. header first) filtered by namespace
    /// and name, as kubectl does.
    fn print(
        &mut self,
        a: &Args,
        kind: &str,
        ns: &str,
        name: Option<&str>,
        rows: (Vec<String>, Vec<(String, Vec<String>)>),
        namespaced: bool,
    ) {
        let (header, all) = rows;
        let all_ns = a.all_namespaces && namespaced;
        let selected: Vec<&(String, Vec<String>)> = all
            .iter()
            .filter(|(n, _)| !namespaced || all_ns || n == ns)
            .filter(|(_, cells)| name.is_none_or(|want| cells[0] == want))
            .collect();
        if selected.is_empty() {
            match name {
                Some(want) => self.fail(&format!(
                    "Error from server (NotFound): {kind} \"{want}\" not found"
                )),
                None if namespaced && !all_ns => {
                    self.fail(&format!("No resources found in {ns} namespace."));
                    self.out.status = 0;
                }
                None => {
                    self.fail("No resources found");
                    self.out.status = 0;
                }
            }
            return;
        }
        let mut table_rows = Vec::new();
        let with_ns = |n: &str, cells: &[String]| {
            let mut row = Vec::new();
            if all_ns {
                row.push(n.to_string());
            }
            row.extend(cells.iter().cloned());
            row
        };
        table_rows.push(with_ns("NAMESPACE", &header));
        for (n, cells) in selected {
            table_rows.push(with_ns(n, cells));
        }
        for line in table(&table_rows) {
            self.say(line);
        }
    }

    fn age(&self, since_us: u64) -> String {
        human_duration(self.c.now_us().saturating_sub(since_us))
    }

    fn node_rows(&self) -> (Vec<String>, Vec<(String, Vec<String>)>) {
        let header = ["NAME", "STATUS", "ROLES", "AGE", "VERSION"];
        let rows = self
            .seen()
            .nodes
            .values()
            .map(|n| {
                let status = if n.ready { "Ready" } else { "NotReady" };
                let roles = match n.role {
                    NodeRole::ControlPlane => "control-plane",
                    NodeRole::Worker => "<none>",
                };
                (
                    String::new(),
                    vec![
                        n.name.clone(),
                        status.to_string(),
                        roles.to_string(),
                        self.age(n.created_us),
                        KUBE_VERSION.to_string(),
                    ],
                )
            })
            .collect();
        (header.iter().map(|s| s.to_string()).collect(), rows)
    }

    fn pod_rows(&self) -> (Vec<String>, Vec<(String, Vec<String>)>) {
        let header = ["NAME", "READY", "STATUS", "RESTARTS", "AGE"];
        let mut rows: Vec<(String, Vec<String>)> = self
            .seen()
            .pods
            .values()
            .map(|p| {
                let (ready, status) = match p.phase {
                    PodPhase::Pending => ("0/1", "Pending"),
                    PodPhase::Running => ("1/1", "Running"),
                };
                (
                    p.namespace.clone(),
                    vec![
                        p.name.clone(),
                        ready.to_string(),
                        status.to_string(),
                        "0".to_string(),
                        self.age(p.created_us),
                    ],
                )
            })
            .collect();
        rows.extend(self.static_pod_rows());
        quorum_raft::lite::sort_small_by(&mut rows, |a, b| (&a.0, &a.1[0]) < (&b.0, &b.1[0]));
        (header.iter().map(|s| s.to_string()).collect(), rows)
    }

    /// The control-plane static pods (mirror pods) in kube-system. A stopped container
    /// shows CrashLoopBackOff; on a powered-off node the last reported status stays,
    /// marked not ready once the node is NotReady.
    fn static_pod_rows(&self) -> Vec<(String, Vec<String>)> {
        let mut rows = Vec::new();
        for cp in 0..self.c.spec().control_planes {
            let node = HostId::ControlPlane(cp).name();
            let node_up = self.c.host_up(HostId::ControlPlane(cp));
            let node_ready = self.seen().nodes.get(&node).is_some_and(|n| n.ready);
            let mut pods: Vec<(String, bool, u32)> = Vec::new();
            if self.c.spec().etcd == EtcdTopology::Stacked {
                pods.push((format!("etcd-{node}"), self.c.etcd_member_running(cp), 0));
            }
            pods.push((
                format!("kube-apiserver-{node}"),
                self.c.component_running(cp, ComponentKind::ApiServer),
                0,
            ));
            for (which, prefix) in [
                (Elected::ControllerManager, "kube-controller-manager"),
                (Elected::Scheduler, "kube-scheduler"),
            ] {
                let view = self.c.instance_view(which, cp);
                let running = self.c.component_running(cp, which_component(which));
                pods.push((format!("{prefix}-{node}"), running, view.restarts));
            }
            for (name, running, restarts) in pods {
                let (ready, status) = match (node_up, running) {
                    (true, true) => ("1/1", "Running"),
                    (true, false) => ("0/1", "CrashLoopBackOff"),
                    (false, _) if node_ready => ("1/1", "Running"),
                    (false, _) => ("0/1", "Running"),
                };
                rows.push((
                    "kube-system".to_string(),
                    vec![
                        name,
                        ready.to_string(),
                        status.to_string(),
                        restarts.to_string(),
                        self.age(0),
                    ],
                ));
            }
        }
        rows
    }

    fn deployment_rows(&self) -> (Vec<String>, Vec<(String, Vec<String>)>) {
        let header = ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"];
        let objects = self.seen();
        let rows = objects
            .deployments
            .values()
            .map(|d| {
                let pods: Vec<&Pod> = objects
                    .replicasets
                    .values()
                    .filter(|rs| rs.namespace == d.namespace && rs.deployment == d.name)
                    .flat_map(|rs| objects.pods_of(&rs.namespace, &rs.name))
                    .collect();
                let running = pods.iter().filter(|p| p.phase == PodPhase::Running).count();
                (
                    d.namespace.clone(),
                    vec![
                        d.name.clone(),
                        format!("{running}/{}", d.replicas),
                        pods.len().to_string(),
                        running.to_string(),
                        self.age(d.created_us),
                    ],
                )
            })
            .collect();
        (header.iter().map(|s| s.to_string()).collect(), rows)
    }

    fn lease_rows(&self) -> (Vec<String>, Vec<(String, Vec<String>)>) {
        let header = ["NAME", "HOLDER", "AGE"];
        let rows = self
            .seen()
            .leases
            .all()
            .map(|l| {
                (
                    l.key.namespace.clone(),
                    vec![
                        l.key.name.clone(),
                        l.spec.holder_identity.clone(),
                        self.age(l.creation_time_us),
                    ],
                )
            })
            .collect();
        (header.iter().map(|s| s.to_string()).collect(), rows)
    }

    fn lease_yaml(&mut self, ns: &str, name: Option<&str>) {
        let Some(name) = name else {
            self.fail("error: -o yaml is supported here only for one named lease");
            return;
        };
        let Ok(l) = self
            .seen()
            .leases
            .get(&crate::leader_election::LeaseKey::new(ns, name))
        else {
            self.fail(&format!(
                "Error from server (NotFound): leases.coordination.k8s.io \"{name}\" not found"
            ));
            return;
        };
        let text = format!(
            "apiVersion: coordination.k8s.io/v1\nkind: Lease\nmetadata:\n  creationTimestamp: \"{}\"\n  name: {}\n  namespace: {}\n  resourceVersion: \"{}\"\nspec:\n  acquireTime: \"{}\"\n  holderIdentity: {}\n  leaseDurationSeconds: {}\n  leaseTransitions: {}\n  renewTime: \"{}\"",
            timestamp(l.creation_time_us),
            l.key.name,
            l.key.namespace,
            l.resource_version,
            micro_time(l.spec.acquire_time_us),
            l.spec.holder_identity,
            l.spec.lease_duration_seconds,
            l.spec.lease_transitions,
            micro_time(l.spec.renew_time_us),
        );
        for line in text.lines() {
            self.say(line);
        }
    }

    // ---- create / delete / apply ---------------------------------------------------

    fn create(&mut self, a: &Args) {
        match a.positional.get(1).copied() {
            Some("deployment" | "deploy") => {}
            Some(other) => {
                return self.fail(&format!(
                    "error: unknown command \"{other}\" for \"kubectl create\""
                ))
            }
            None => return self.fail("error: must specify one of -f and -k"),
        }
        let names = &a.positional[2..];
        if names.len() != 1 {
            return self.fail(&format!(
                "error: exactly one NAME is required, got {}",
                names.len()
            ));
        }
        let Some(image) = a.image.clone() else {
            return self.fail("error: required flag(s) \"image\" not set");
        };
        let replicas = match a.replicas.as_deref().map(str::parse::<u32>) {
            None => 1,
            Some(Ok(n)) => n,
            Some(Err(_)) => {
                return self.fail(&format!(
                    "error: invalid argument \"{}\" for \"--replicas\" flag: strconv.ParseInt: parsing \"{}\": invalid syntax",
                    a.replicas.clone().unwrap_or_default(),
                    a.replicas.clone().unwrap_or_default()
                ))
            }
        };
        let name = names[0];
        if !valid_name(name) {
            return self.fail(&format!("error: failed to create deployment: Deployment.apps \"{name}\" is invalid: metadata.name: Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"));
        }
        let ns = Self::namespace(a);
        let obj = self.deployment(&ns, name, &image, replicas);
        let Some(answer) = self.request(ReqKind::Write, writes::create(obj.key(), obj.value()))
        else {
            return;
        };
        if matches!(answer, Response::Txn(t) if !t.succeeded) {
            return self.fail(&format!(
                "error: failed to create deployment: deployments.apps \"{name}\" already exists"
            ));
        }
        self.say(format!("deployment.apps/{name} created"));
    }

    /// The Deployment object to write (keeping the creation time of an existing one).
    fn deployment(&self, ns: &str, name: &str, image: &str, replicas: u32) -> Obj {
        let now = self.c.now_us();
        let created_us = self
            .seen()
            .deployments
            .get(&key(ns, name))
            .map_or(now, |d| d.created_us);
        Obj::Deployment(Deployment {
            namespace: ns.to_string(),
            name: name.to_string(),
            image: image.to_string(),
            replicas,
            created_us,
        })
    }

    fn delete(&mut self, a: &Args) {
        match a.positional.get(1).copied() {
            Some("pod" | "pods" | "po") => {}
            Some(other) => {
                return self.fail(&format!(
                    "error: the server doesn't have a resource type \"{other}\""
                ))
            }
            None => return self.fail("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'"),
        }
        let names: Vec<&str> = a.positional[2..].to_vec();
        if names.is_empty() {
            return self.fail("error: resource(s) were provided, but no name was specified");
        }
        let ns = Self::namespace(a);
        for name in names {
            let req = writes::delete(vec![pod_key(&ns, name)]);
            let Some(answer) = self.request(ReqKind::Write, req) else {
                return;
            };
            if matches!(answer, Response::DeleteRange(d) if d.deleted > 0) {
                self.say(format!("pod \"{name}\" deleted"));
            } else {
                self.fail(&format!(
                    "Error from server (NotFound): pods \"{name}\" not found"
                ));
            }
        }
    }

    fn apply(&mut self, a: &Args, files: &LiteMap<String, String>) {
        let Some(path) = a.filename.clone() else {
            return self.fail("error: must specify one of -f and -k");
        };
        let Some(text) = files.get(&path) else {
            return self.fail(&format!("error: the path \"{path}\" does not exist"));
        };
        for doc in manifest::parse(text) {
            if self.out.status != 0 {
                return;
            }
            self.apply_doc(a, &path, &doc);
        }
    }

    fn apply_doc(&mut self, a: &Args, path: &str, doc: &manifest::Doc) {
        let Some(kind) = doc.get("kind").map(str::to_string) else {
            return self.fail(&format!("error: error validating \"{path}\": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false"));
        };
        let Some(name) = doc.get("metadata.name").map(str::to_string) else {
            return self.fail(&format!("error: error when retrieving current configuration of:\nResource: \"\", Name: \"\", Namespace: \"\"\nfrom server for: \"{path}\": resource name may not be empty"));
        };
        let ns = doc
            .get("metadata.namespace")
            .map(str::to_string)
            .unwrap_or_else(|| Self::namespace(a));
        if !matches!(kind.as_str(), "Deployment" | "ConfigMap" | "Pod") {
            return self.fail(&format!("error: resource mapping not found for name: \"{name}\" namespace: \"\" from \"{path}\": no matches for kind \"{kind}\" in version \"v1\"\nensure CRDs are installed first"));
        }
        // apply reads the live object, then patches or creates it.
        let resource = match kind.as_str() {
            "Deployment" => "deployments",
            "ConfigMap" => "configmaps",
            _ => "pods",
        };
        let live = writes::get(format!("/registry/{resource}/{ns}/{name}"));
        if self.request(ReqKind::Read, live).is_none() {
            return;
        }
        let verdict = match kind.as_str() {
            "Deployment" => self.apply_deployment(&ns, &name, doc),
            "ConfigMap" => self.apply_configmap(&ns, &name, doc),
            _ => self.apply_pod(&ns, &name, doc),
        };
        let Some(verdict) = verdict else { return };
        let prefix = match kind.as_str() {
            "Deployment" => "deployment.apps",
            "ConfigMap" => "configmap",
            _ => "pod",
        };
        self.say(format!("{prefix}/{name} {verdict}"));
    }

    /// Write `obj` unless unchanged; returns kubectl's verb, or None after an error.
    fn write_if(&mut self, obj: Option<Obj>, existed: bool) -> Option<&'static str> {
        let Some(obj) = obj else {
            return Some("unchanged");
        };
        self.request(ReqKind::Write, writes::put(&[obj]))?;
        Some(if existed { "configured" } else { "created" })
    }

    fn apply_deployment(
        &mut self,
        ns: &str,
        name: &str,
        doc: &manifest::Doc,
    ) -> Option<&'static str> {
        let image = doc.find_suffix("image").unwrap_or("nginx").to_string();
        let replicas = doc
            .get("spec.replicas")
            .and_then(|r| r.parse().ok())
            .unwrap_or(1);
        let current = self.seen().deployments.get(&key(ns, name)).cloned();
        let changed = current
            .as_ref()
            .is_none_or(|d| d.image != image || d.replicas != replicas);
        let obj = changed.then(|| self.deployment(ns, name, &image, replicas));
        self.write_if(obj, current.is_some())
    }

    fn apply_configmap(
        &mut self,
        ns: &str,
        name: &str,
        doc: &manifest::Doc,
    ) -> Option<&'static str> {
        let data = quorum_raft::lite::collect_map(doc.children("data"));
        let current = self.seen().configmaps.get(&key(ns, name)).cloned();
        let changed = current.as_ref().is_none_or(|c| c.data != data);
        let existed = current.is_some();
        let obj = changed.then(|| {
            Obj::ConfigMap(ConfigMap {
                namespace: ns.to_string(),
                name: name.to_string(),
                data,
                created_us: current.map_or(self.c.now_us(), |c| c.created_us),
            })
        });
        self.write_if(obj, existed)
    }

    fn apply_pod(&mut self, ns: &str, name: &str, doc: &manifest::Doc) -> Option<&'static str> {
        let image = doc.find_suffix("image").unwrap_or("busybox").to_string();
        let current = self.seen().pods.get(&key(ns, name)).cloned();
        let changed = current.as_ref().is_none_or(|p| p.image != image);
        let existed = current.is_some();
        let obj = changed.then(|| {
            let now = self.c.now_us();
            let pod = current.map_or_else(
                || Pod {
                    namespace: ns.to_string(),
                    name: name.to_string(),
                    image: image.clone(),
                    owner: None,
                    node: None,
                    phase: PodPhase::Pending,
                    created_us: now,
                },
                |mut p| {
                    p.image = image.clone();
                    p
                },
            );
            Obj::Pod(pod)
        });
        self.write_if(obj, existed)
    }
}

fn which_component(which: Elected) -> ComponentKind {
    match which {
        Elected::ControllerManager => ComponentKind::ControllerManager,
        Elected::Scheduler => ComponentKind::Scheduler,
    }
}

/// An RFC 1123 subdomain (what object names must be).
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 253
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name.ends_with(|c: char| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests;
