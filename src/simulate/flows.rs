//! Typed lookups over the [`ObjectSet`]: flows by slug, a flow's stage bindings in
//! planner order, policy bindings by target, the flows each stage is bound to.

use std::collections::HashMap;

use super::model::{Obj, ObjectSet};
use crate::catalog::ModelKind;

/// The flow model the planner and executor run on.
#[derive(Debug)]
pub struct FlowModel {
    pub set: ObjectSet,
    flows_by_slug: HashMap<String, usize>,
    /// Flow → its bindings sorted by `order`, ties in declaration order.
    bindings_by_flow: HashMap<usize, Vec<usize>>,
    /// Policy binding target (flow or stage binding) → enabled and disabled bindings,
    /// sorted by `order`, ties in declaration order.
    policy_bindings: HashMap<usize, Vec<usize>>,
    /// Stage → the flows it is bound to, once per binding, in binding order.
    stage_flows: HashMap<usize, Vec<usize>>,
}

impl FlowModel {
    pub fn new(set: ObjectSet) -> FlowModel {
        let mut flows_by_slug = HashMap::new();
        for (i, flow) in set.of_kind(ModelKind::Flow) {
            if let Some(slug) = flow.get("slug").and_then(|v| v.as_str()) {
                flows_by_slug.insert(slug.to_owned(), i);
            }
        }
        let mut bindings_by_flow: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut stage_flows: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, binding) in set.of_kind(ModelKind::FlowStageBinding) {
            let (Some(flow), Some(stage)) =
                (binding.reference("target"), binding.reference("stage"))
            else {
                continue;
            };
            if set.live(flow).is_none() || set.live(stage).is_none() {
                continue;
            }
            bindings_by_flow.entry(flow).or_default().push(i);
            stage_flows.entry(stage).or_default().push(flow);
        }
        for list in bindings_by_flow.values_mut() {
            // A stable sort keeps declaration order for equal `order`s.
            list.sort_by_key(|b| set.objects[*b].int("order").unwrap_or(0));
        }
        let mut policy_bindings: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, pb) in set.of_kind(ModelKind::PolicyBinding) {
            if let Some(target) = pb.reference("target") {
                policy_bindings.entry(target).or_default().push(i);
            }
        }
        for list in policy_bindings.values_mut() {
            list.sort_by_key(|b| set.objects[*b].int("order").unwrap_or(0));
        }
        FlowModel {
            set,
            flows_by_slug,
            bindings_by_flow,
            policy_bindings,
            stage_flows,
        }
    }

    pub fn obj(&self, index: usize) -> &Obj {
        &self.set.objects[index]
    }

    pub fn flow_by_slug(&self, slug: &str) -> Option<usize> {
        self.flows_by_slug.get(slug).copied()
    }

    pub fn slugs(&self) -> impl Iterator<Item = &str> {
        self.flows_by_slug.keys().map(String::as_str)
    }

    pub fn bindings_of(&self, flow: usize) -> &[usize] {
        self.bindings_by_flow.get(&flow).map_or(&[], Vec::as_slice)
    }

    pub fn policy_bindings_of(&self, target: usize) -> &[usize] {
        self.policy_bindings.get(&target).map_or(&[], Vec::as_slice)
    }

    pub fn flows_of_stage(&self, stage: usize) -> &[usize] {
        self.stage_flows.get(&stage).map_or(&[], Vec::as_slice)
    }

    /// The stage object of a binding.
    pub fn stage_of(&self, binding: usize) -> usize {
        self.obj(binding).reference("stage").unwrap_or(binding)
    }

    /// A group and its ancestors (`parent` in older releases, `parents` in newer),
    /// by name.
    pub fn group_closure(&self, names: &[String]) -> Vec<String> {
        let mut out: Vec<String> = names.to_vec();
        let mut pending: Vec<usize> = self
            .set
            .of_kind(ModelKind::Group)
            .filter(|(_, g)| names.iter().any(|n| n == g.name()))
            .map(|(i, _)| i)
            .collect();
        let mut seen: Vec<usize> = Vec::new();
        while let Some(g) = pending.pop() {
            if seen.contains(&g) {
                continue;
            }
            seen.push(g);
            let obj = self.obj(g);
            if !out.iter().any(|n| n == obj.name()) {
                out.push(obj.name().to_owned());
            }
            let mut parents = obj.references("parents");
            parents.extend(obj.reference("parent"));
            pending.extend(parents.into_iter().filter(|p| self.set.live(*p).is_some()));
        }
        out
    }

    /// Every object a run of `flow` may touch or show: its bindings, stages, policy
    /// bindings, policies, prompts, groups and the flows redirect stages lead to,
    /// transitively; and the flows sharing those stages, which the inspector shows in
    /// each stage's `flow_set` (their own stages stay out).
    pub fn closure(&self, flow: usize) -> Vec<usize> {
        let mut seen = vec![false; self.set.objects.len()];
        let mut pending = vec![flow];
        let mut out = Vec::new();
        while let Some(i) = pending.pop() {
            if i >= seen.len() || seen[i] {
                continue;
            }
            seen[i] = true;
            out.push(i);
            pending.extend(self.obj(i).all_references());
            pending.extend(self.bindings_of(i));
            pending.extend(self.policy_bindings_of(i));
        }
        let shown: Vec<usize> = out
            .iter()
            .flat_map(|&i| self.flows_of_stage(i).iter().copied())
            .filter(|&f| f < seen.len() && !seen[f])
            .collect();
        out.extend(shown);
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Component and verbose names of a model from the catalog.
    pub fn describe(&self, index: usize) -> (&'static str, &'static str, &'static str) {
        let model = self.set.release.model(&self.obj(index).model);
        (
            model.and_then(|m| m.component).unwrap_or(""),
            model.and_then(|m| m.verbose_name).unwrap_or("stage"),
            model
                .and_then(|m| m.verbose_name_plural)
                .unwrap_or("stages"),
        )
    }
}
