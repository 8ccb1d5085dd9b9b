//! Side-by-side comparison of two recommendations: only the fields that differ.

use super::Recommendation;
use crate::text::Text;
use serde::Serialize;

/// A row of the comparison table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Name,
    Category,
    ProvisionsVms,
    InstallsKubernetes,
    Maintains,
    Shape,
    NotesPick,
    AvailableHere,
    Caveats,
}

impl Field {
    pub const ALL: [Field; 9] = [
        Field::Name,
        Field::Category,
        Field::ProvisionsVms,
        Field::InstallsKubernetes,
        Field::Maintains,
        Field::Shape,
        Field::NotesPick,
        Field::AvailableHere,
        Field::Caveats,
    ];

    pub fn label(self) -> Text {
        match self {
            Field::Name => Text::new("Way", "방법"),
            Field::Category => Text::new("Kind", "유형"),
            Field::ProvisionsVms => Text::new("Who provisions the VMs", "VM 프로비저닝 담당"),
            Field::InstallsKubernetes => {
                Text::new("Who installs Kubernetes", "쿠버네티스 설치 담당")
            }
            Field::Maintains => Text::new("Who maintains the VMs", "VM 유지 관리 담당"),
            Field::Shape => Text::new("Resulting cluster", "만들어지는 클러스터"),
            Field::NotesPick => Text::new("The notes' pick here", "노트의 추천 여부"),
            Field::AvailableHere => Text::new("Runs here", "이 환경에서 사용 가능"),
            Field::Caveats => Text::new("Caveats", "주의 사항"),
        }
    }

    /// The value of this field in `r`, in both languages.
    pub fn value(self, r: &Recommendation) -> Text {
        let yes_no = |b: bool| {
            if b {
                Text::new("yes", "예")
            } else {
                Text::new("no", "아니요")
            }
        };
        match self {
            Field::Name => Text::new(r.name, r.name),
            Field::Category => r.category.label(),
            Field::ProvisionsVms => r.provisions_vms.label(),
            Field::InstallsKubernetes => r.installs_kubernetes.label(),
            Field::Maintains => r.maintains.label(),
            Field::Shape => r.shape.label(),
            Field::NotesPick => yes_no(r.notes_pick),
            Field::AvailableHere => yes_no(r.available_here),
            Field::Caveats => {
                let texts: Vec<Text> = r.caveats.iter().map(|c| c.text()).collect();
                let join = |f: fn(&Text) -> &str| texts.iter().map(f).collect::<Vec<_>>().join(" ");
                Text::owned(join(|t| &t.en), join(|t| &t.ko))
            }
        }
    }
}

/// One differing row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Difference {
    pub field: Field,
    pub a: Text,
    pub b: Text,
}

/// The fields in which `a` and `b` differ, in table order.
pub fn compare(a: &Recommendation, b: &Recommendation) -> Vec<Difference> {
    Field::ALL
        .into_iter()
        .filter(|f| differs(*f, a, b))
        .map(|field| Difference {
            field,
            a: field.value(a),
            b: field.value(b),
        })
        .collect()
}

fn differs(field: Field, a: &Recommendation, b: &Recommendation) -> bool {
    match field {
        Field::Name => a.way != b.way,
        Field::Category => a.category != b.category,
        Field::ProvisionsVms => a.provisions_vms != b.provisions_vms,
        Field::InstallsKubernetes => a.installs_kubernetes != b.installs_kubernetes,
        Field::Maintains => a.maintains != b.maintains,
        Field::Shape => a.shape != b.shape,
        Field::NotesPick => a.notes_pick != b.notes_pick,
        Field::AvailableHere => a.available_here != b.available_here,
        Field::Caveats => a.caveats != b.caveats,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chooser::{describe, Place, Purpose, Way};

    #[test]
    fn identical_choices_have_no_differences() {
        let a = describe(Way::Kubeadm, Purpose::DevTest, Place::OnPremises);
        assert!(compare(&a, &a.clone()).is_empty());
    }

    #[test]
    fn kubeadm_versus_gke_differs_in_who_does_the_work() {
        let a = describe(Way::Kubeadm, Purpose::Production, Place::Gcp);
        let b = describe(Way::Gke, Purpose::Production, Place::Gcp);
        let fields: Vec<Field> = compare(&a, &b).iter().map(|d| d.field).collect();
        assert!(fields.contains(&Field::ProvisionsVms));
        assert!(fields.contains(&Field::Maintains));
        assert!(fields.contains(&Field::NotesPick));
        // Both are HA for production.
        assert!(!fields.contains(&Field::Shape));
        let maint = compare(&a, &b)
            .into_iter()
            .find(|d| d.field == Field::Maintains);
        assert_eq!(
            maint.map(|d| (d.a.en, d.b.ko)),
            Some(("you".into(), "공급자".into()))
        );
    }

    #[test]
    fn minikube_versus_kubeadm_differs_in_shape() {
        let a = describe(Way::Minikube, Purpose::Learning, Place::LaptopLinux);
        let b = describe(Way::Kubeadm, Purpose::Learning, Place::LaptopLinux);
        assert!(compare(&a, &b).iter().any(|d| d.field == Field::Shape));
    }
}
