//! Ranking the ways for a purpose and a place.
//!
//! Score = 10 × fit for the purpose (0 excludes) + 5 if the notes name this way for this
//! place + 1 for a hosted service on its own cloud (the provider maintains it). Ties keep
//! the order of [`Way::ALL`]. Pure and deterministic.

use super::{way_facts, Category, Caveat, ClusterShape, Place, Purpose, Way, Who};
use crate::text::Text;
use serde::Serialize;

/// One way, explained for a given purpose and place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Recommendation {
    /// 1-based rank among the recommended ways; `None` when [`describe`] was asked about
    /// a way that is not recommended for this purpose and place.
    pub rank: Option<u8>,
    pub way: Way,
    /// Product name (never translated).
    pub name: &'static str,
    pub category: Category,
    pub summary: Text,
    pub provisions_vms: Who,
    pub installs_kubernetes: Who,
    pub maintains: Who,
    pub shape: ClusterShape,
    /// The notes name this way for this place (or minikube for learning on a laptop).
    pub notes_pick: bool,
    /// Whether it runs at the chosen place at all.
    pub available_here: bool,
    pub caveats: Vec<Caveat>,
}

/// The chooser's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Advice {
    pub purpose: Purpose,
    pub place: Place,
    /// The slides' one-line recommendation for the purpose.
    pub purpose_summary: Text,
    /// Best first. Never empty.
    pub ways: Vec<Recommendation>,
    /// Remarks about the purpose and place as a whole.
    pub notes: Vec<Caveat>,
}

/// The notes' own pick for a place ("on-premises, kubeadm"; "GKE for GCP"; "kops for AWS";
/// "AKS for Azure"); on a laptop, minikube for learning.
fn notes_pick(place: Place, purpose: Purpose) -> Option<Way> {
    match place {
        Place::OnPremises => Some(Way::Kubeadm),
        Place::Gcp => Some(Way::Gke),
        Place::Aws => Some(Way::Kops),
        Place::Azure => Some(Way::Aks),
        _ if purpose == Purpose::Learning => Some(Way::Minikube),
        _ => None,
    }
}

fn fit(way: Way, purpose: Purpose, place: Place) -> u8 {
    let facts = way_facts(way);
    if !facts.runs_on(place) {
        return 0;
    }
    // Nothing on a laptop is production; kubeadm in VMs is how you rehearse HA there.
    if place.is_laptop() && purpose == Purpose::Production {
        return u8::from(way == Way::Kubeadm);
    }
    facts.fit_for(purpose)
}

fn score(way: Way, purpose: Purpose, place: Place) -> u32 {
    let fit = u32::from(fit(way, purpose, place));
    if fit == 0 {
        return 0;
    }
    let pick = if notes_pick(place, purpose) == Some(way) {
        5
    } else {
        0
    };
    let hosted = u32::from(way_facts(way).category == Category::Hosted && !place.is_laptop());
    fit * 10 + pick + hosted
}

fn caveats(way: Way, purpose: Purpose, place: Place) -> Vec<Caveat> {
    let mut out = Vec::new();
    let local = matches!(way, Way::Minikube | Way::Kubeadm | Way::Vagrant);
    if local && place == Place::LaptopWindows {
        out.push(Caveat::WindowsNeedsVm);
    }
    if matches!(way, Way::Kubeadm | Way::Vagrant) && place == Place::LaptopMacos {
        out.push(Caveat::MacNeedsLinuxVms);
    }
    match way {
        Way::Minikube => out.extend([Caveat::NeedsVirtualization, Caveat::SingleNodeOnly]),
        Way::Kubeadm => out.push(Caveat::ProvisionHostsYourself),
        Way::Kops => out.push(Caveat::KopsIsForAws),
        Way::CloudFoundry => out.push(Caveat::DeploysWithBosh),
        Way::VmwarePks => out.push(Caveat::NeedsExistingVmware),
        Way::OpenShiftOnline => out.push(Caveat::RunsAtRedHat),
        Way::Gke => out.push(Caveat::OneClickUpgrades),
        _ => {}
    }
    if way_facts(way).category == Category::Turnkey {
        out.push(Caveat::YouMaintainTheVms);
    }
    if purpose == Purpose::Production && place.is_laptop() {
        out.push(Caveat::LaptopIsNotProduction);
    }
    out
}

/// Explains `way` for `purpose` at `place`, recommended or not.
pub fn describe(way: Way, purpose: Purpose, place: Place) -> Recommendation {
    let facts = way_facts(way);
    let available_here = facts.runs_on(place);
    Recommendation {
        rank: None,
        way,
        name: facts.name,
        category: facts.category,
        summary: facts.summary,
        provisions_vms: facts.provisions_vms,
        installs_kubernetes: facts.installs_kubernetes,
        maintains: facts.maintains,
        shape: ClusterShape::for_choice(way, purpose),
        notes_pick: notes_pick(place, purpose) == Some(way),
        available_here,
        caveats: caveats(way, purpose, place),
    }
}

fn general_notes(purpose: Purpose, place: Place) -> Vec<Caveat> {
    let mut out = Vec::new();
    match place {
        Place::LaptopLinux => out.push(Caveat::LinuxBinariesByHand),
        Place::LaptopWindows => out.push(Caveat::WindowsNeedsVm),
        Place::LaptopMacos => out.push(Caveat::MacNeedsLinuxVms),
        _ => {}
    }
    if purpose == Purpose::Production {
        if place.is_laptop() {
            out.push(Caveat::LaptopIsNotProduction);
        }
        out.push(Caveat::HaNeedsOddMasters);
    }
    out
}

/// The recommended ways for `purpose` at `place`, best first.
pub fn recommend(purpose: Purpose, place: Place) -> Advice {
    let mut scored: Vec<(u32, Way)> = Way::ALL
        .into_iter()
        .map(|w| (score(w, purpose, place), w))
        .filter(|(s, _)| *s > 0)
        .collect();
    // Stable sort: equal scores keep Way::ALL order.
    quorum_raft::lite::sort_small_by(&mut scored, |a, b| a.0 > b.0);
    let ways = scored
        .into_iter()
        .enumerate()
        .map(|(i, (_, way))| Recommendation {
            rank: Some(u8::try_from(i + 1).unwrap_or(u8::MAX)),
            ..describe(way, purpose, place)
        })
        .collect();
    Advice {
        purpose,
        place,
        purpose_summary: purpose.summary(),
        ways,
        notes: general_notes(purpose, place),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::View;

    fn top(purpose: Purpose, place: Place) -> Way {
        recommend(purpose, place).ways[0].way
    }

    fn names(purpose: Purpose, place: Place) -> Vec<Way> {
        recommend(purpose, place)
            .ways
            .iter()
            .map(|r| r.way)
            .collect()
    }

    #[test]
    fn every_purpose_and_place_has_a_ranked_answer() {
        for purpose in Purpose::ALL {
            for place in Place::ALL {
                let advice = recommend(purpose, place);
                assert!(!advice.ways.is_empty(), "{purpose:?} {place:?}");
                for (i, r) in advice.ways.iter().enumerate() {
                    assert_eq!(r.rank, Some(i as u8 + 1));
                    assert!(r.available_here, "{:?} not available at {place:?}", r.way);
                }
                // Production never recommends minikube; and always mentions HA.
                if purpose == Purpose::Production {
                    assert!(!names(purpose, place).contains(&Way::Minikube));
                    assert!(advice.notes.contains(&Caveat::HaNeedsOddMasters));
                }
            }
        }
    }

    #[test]
    fn the_notes_picks_come_first() {
        assert_eq!(top(Purpose::Production, Place::Aws), Way::Kops);
        assert_eq!(top(Purpose::DevTest, Place::Aws), Way::Kops);
        for purpose in Purpose::ALL {
            assert_eq!(top(purpose, Place::OnPremises), Way::Kubeadm, "{purpose:?}");
            assert!(recommend(purpose, Place::OnPremises).ways[0].notes_pick);
        }
        for laptop in Place::LAPTOPS {
            assert_eq!(top(Purpose::Learning, laptop), Way::Minikube);
        }
        assert_eq!(top(Purpose::Production, Place::Gcp), Way::Gke);
        assert_eq!(top(Purpose::DevTest, Place::Azure), Way::Aks);
        assert_eq!(top(Purpose::Production, Place::Azure), Way::Aks);
    }

    #[test]
    fn hosted_services_belong_to_their_cloud() {
        let hosted = |purpose, place| -> Vec<Way> {
            recommend(purpose, place)
                .ways
                .into_iter()
                .filter(|r| r.category == Category::Hosted)
                .map(|r| r.way)
                .collect()
        };
        for purpose in [Purpose::DevTest, Purpose::Production] {
            assert_eq!(hosted(purpose, Place::Azure), vec![Way::Aks]);
            assert_eq!(hosted(purpose, Place::Gcp), vec![Way::Gke]);
            assert_eq!(hosted(purpose, Place::Aws), vec![Way::Eks]);
            assert!(hosted(purpose, Place::OnPremises).is_empty());
        }
        // kops is only ever offered on AWS.
        for place in Place::ALL {
            for purpose in Purpose::ALL {
                assert_eq!(
                    names(purpose, place).contains(&Way::Kops),
                    place == Place::Aws
                );
            }
        }
    }

    #[test]
    fn laptops_get_their_caveats() {
        let win = recommend(Purpose::Learning, Place::LaptopWindows);
        assert!(win.notes.contains(&Caveat::WindowsNeedsVm));
        assert!(win.ways[0].caveats.contains(&Caveat::WindowsNeedsVm));
        let prod = recommend(Purpose::Production, Place::LaptopLinux);
        assert_eq!(
            names(Purpose::Production, Place::LaptopLinux),
            vec![Way::Kubeadm]
        );
        assert!(prod.notes.contains(&Caveat::LaptopIsNotProduction));
        assert!(names(Purpose::DevTest, Place::LaptopMacos).contains(&Way::Kubeadm));
    }

    #[test]
    fn shapes_follow_the_course() {
        let learn = recommend(Purpose::Learning, Place::LaptopLinux);
        assert_eq!(learn.ways[0].shape, ClusterShape::SingleNode);
        assert_eq!(learn.ways[0].shape.nodes(), 1);
        let kubeadm = describe(Way::Kubeadm, Purpose::DevTest, Place::OnPremises);
        assert_eq!((kubeadm.shape.masters(), kubeadm.shape.workers()), (1, 2));
        let prod = &recommend(Purpose::Production, Place::Aws).ways[0];
        assert_eq!(prod.shape, ClusterShape::HighlyAvailable);
        assert_eq!(prod.shape.opens_view(), Some(View::Ha));
        assert!(prod.shape.masters() >= 3 && prod.shape.masters() % 2 == 1);
    }

    /// The whole ranking, pinned: a change to the data shows up here for review
    /// (`cargo run -p quorum-course --example chooser_table` prints it).
    #[test]
    fn full_ranking_is_pinned() {
        let expected = "\
learning laptop-linux minikube kubeadm vagrant openshift-online
learning laptop-windows minikube kubeadm vagrant openshift-online
learning laptop-macos minikube kubeadm vagrant openshift-online
learning on-premises kubeadm openshift
learning gcp gke kubeadm openshift
learning aws kubeadm kops eks openshift
learning azure aks kubeadm openshift
dev-test laptop-linux kubeadm vagrant minikube openshift-online
dev-test laptop-windows kubeadm vagrant minikube openshift-online
dev-test laptop-macos kubeadm vagrant minikube openshift-online
dev-test on-premises kubeadm openshift cfcr vmware-pks
dev-test gcp gke kubeadm openshift cfcr
dev-test aws kops kubeadm eks openshift cfcr
dev-test azure aks kubeadm openshift cfcr
production laptop-linux kubeadm
production laptop-windows kubeadm
production laptop-macos kubeadm
production on-premises kubeadm openshift cfcr vmware-pks
production gcp gke kubeadm openshift cfcr
production aws kops eks kubeadm openshift cfcr
production azure aks kubeadm openshift cfcr
";
        let mut got = String::new();
        for purpose in Purpose::ALL {
            for place in Place::ALL {
                let ways: Vec<&str> = names(purpose, place).iter().map(|w| w.name()).collect();
                got.push_str(&format!(
                    "{} {} {}\n",
                    purpose.name(),
                    place.name(),
                    ways.join(" ")
                ));
            }
        }
        assert_eq!(got, expected);
    }

    #[test]
    fn describe_flags_ways_that_do_not_run_here() {
        let r = describe(Way::Kops, Purpose::Production, Place::Azure);
        assert!(!r.available_here);
        assert_eq!(r.rank, None);
    }
}
