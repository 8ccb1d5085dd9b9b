//! Where the topology diagram puts each host and component: pure geometry from the
//! topology, shared by the drawing and the request animation.

use quorum_k8s::topology::{EtcdTopology, HostId, TopologySpec};

pub const WIDTH: f64 = 760.0;
const MARGIN: f64 = 20.0;
const GAP: f64 = 12.0;
pub const HEAD: f64 = 34.0;
pub const CHIP_H: f64 = 20.0;
const CHIP_GAP: f64 = 4.0;
const ROW_GAP: f64 = 46.0;

/// A rectangle: top-left corner and size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn center(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
}

/// The chips of a control-plane box, top to bottom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chip {
    ApiServer,
    ControllerManager,
    Scheduler,
    Etcd,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub spec: TopologySpec,
    pub client: Rect,
    pub lb: Rect,
    pub control_planes: Vec<Rect>,
    pub etcd_hosts: Vec<Rect>,
    pub workers: Vec<Rect>,
    pub height: f64,
    /// The horizontal span the drawing uses (its viewBox), so few hosts draw larger.
    pub view_x: f64,
    pub view_w: f64,
}

/// `n` boxes spread across the width, as wide as fits (at most `max_w`).
fn row(n: u8, y: f64, h: f64, max_w: f64) -> Vec<Rect> {
    let n = f64::from(n.max(1));
    let w = ((WIDTH - 2.0 * MARGIN - GAP * (n - 1.0)) / n).min(max_w);
    let total = w * n + GAP * (n - 1.0);
    let x0 = (WIDTH - total) / 2.0;
    (0..n as usize)
        .map(|i| Rect {
            x: x0 + i as f64 * (w + GAP),
            y,
            w,
            h,
        })
        .collect()
}

impl Layout {
    pub fn new(spec: TopologySpec) -> Layout {
        let stacked = spec.etcd == EtcdTopology::Stacked;
        let lb = Rect {
            x: WIDTH / 2.0 - 90.0,
            y: 14.0,
            w: 180.0,
            h: 40.0,
        };
        // The client sits just left of the load balancer it talks to.
        let client = Rect {
            x: lb.x - 150.0,
            y: 14.0,
            w: 120.0,
            h: 40.0,
        };
        let chips = if stacked { 4.0 } else { 3.0 };
        let cp_h = HEAD + chips * (CHIP_H + CHIP_GAP) + 6.0;
        let cp_y = lb.y + lb.h + ROW_GAP;
        let control_planes = row(spec.control_planes, cp_y, cp_h, 170.0);
        let mut y = cp_y + cp_h + ROW_GAP;
        let etcd_hosts = if stacked {
            Vec::new()
        } else {
            let hosts = row(spec.external_etcd_members, y, HEAD + CHIP_H + 10.0, 150.0);
            y += HEAD + CHIP_H + 10.0 + ROW_GAP;
            hosts
        };
        let workers = if spec.workers == 0 {
            Vec::new()
        } else {
            row(spec.workers, y, HEAD + 4.0, 120.0)
        };
        let height = if spec.workers == 0 {
            y
        } else {
            y + HEAD + 20.0
        };
        let all = || {
            [client, lb]
                .into_iter()
                .chain(control_planes.iter().copied())
                .chain(etcd_hosts.iter().copied())
                .chain(workers.iter().copied())
        };
        let left = (all().map(|r| r.x).fold(WIDTH, f64::min) - 10.0).max(0.0);
        let right = (all().map(|r| r.x + r.w).fold(0.0, f64::max) + 10.0).min(WIDTH);
        Layout {
            view_x: left,
            view_w: (right - left).max(1.0),
            spec,
            client,
            lb,
            control_planes,
            etcd_hosts,
            workers,
            height,
        }
    }

    /// The rectangle of a chip inside control-plane box `cp`.
    pub fn chip(&self, cp: u8, chip: Chip) -> Option<Rect> {
        let host = self.control_planes.get(usize::from(cp))?;
        let index = match chip {
            Chip::ApiServer => 0.0,
            Chip::ControllerManager => 1.0,
            Chip::Scheduler => 2.0,
            Chip::Etcd => 3.0,
        };
        Some(Rect {
            x: host.x + 6.0,
            y: host.y + HEAD + index * (CHIP_H + CHIP_GAP),
            w: host.w - 12.0,
            h: CHIP_H,
        })
    }

    /// The rectangle of etcd member `m` (a chip when stacked, its host's chip otherwise).
    pub fn etcd(&self, m: u8) -> Option<Rect> {
        match self.spec.etcd {
            EtcdTopology::Stacked => self.chip(m, Chip::Etcd),
            EtcdTopology::External => self.etcd_hosts.get(usize::from(m)).map(|h| Rect {
                x: h.x + 6.0,
                y: h.y + HEAD,
                w: h.w - 12.0,
                h: CHIP_H,
            }),
        }
    }

    /// The box of a host.
    pub fn host(&self, host: HostId) -> Option<Rect> {
        match host {
            HostId::LoadBalancer => Some(self.lb),
            HostId::ControlPlane(i) => self.control_planes.get(usize::from(i)).copied(),
            HostId::Etcd(i) => self.etcd_hosts.get(usize::from(i)).copied(),
            HostId::Worker(i) => self.workers.get(usize::from(i)).copied(),
        }
    }
}

/// Where `progress` (0..=1) puts a dot along a path of points.
pub fn along(path: &[(f64, f64)], progress: f64) -> Option<(f64, f64)> {
    let first = *path.first()?;
    if path.len() == 1 {
        return Some(first);
    }
    let segments = (path.len() - 1) as f64;
    let p = progress.clamp(0.0, 1.0) * segments;
    let i = (p.floor() as usize).min(path.len() - 2);
    let f = p - i as f64;
    let (a, b) = (path[i], path[i + 1]);
    Some((a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_fit_the_width() {
        for spec in [
            TopologySpec::stacked(7, 9),
            TopologySpec::external(7, 7, 9),
            TopologySpec::stacked(1, 0),
        ] {
            let l = Layout::new(spec);
            for r in l
                .control_planes
                .iter()
                .chain(&l.etcd_hosts)
                .chain(&l.workers)
            {
                assert!(r.x >= 0.0 && r.x + r.w <= WIDTH, "{r:?}");
            }
            assert!(l.height > 0.0);
            assert!(l.view_x >= 0.0 && l.view_x + l.view_w <= WIDTH);
            assert!(l.client.x >= l.view_x);
        }
    }

    #[test]
    fn along_walks_segments() {
        let path = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)];
        assert_eq!(along(&path, 0.5), Some((10.0, 0.0)));
        assert_eq!(along(&path, 1.0), Some((10.0, 10.0)));
        assert_eq!(along(&[], 0.5), None);
    }
}
