//! The inspector's JSON (flow-semantics §5.2–§5.6, seed pages 000/001): bindings,
//! stages and flow sets serialized with every field, in serializer order.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::flows::FlowModel;
use super::json::Json;
use super::state::{PlanContext, SimUser};

/// `<web.path>static/dist/assets/images/flow_background.jpg` with the default path.
pub const DEFAULT_BACKGROUND: &str = "/static/dist/assets/images/flow_background.jpg";

/// A plan as the executor keeps it: bindings and their markers in parallel.
#[derive(Clone, Debug)]
pub struct Plan {
    pub flow: usize,
    pub bindings: Vec<usize>,
    /// `ReevaluateMarker` for the binding at the same index.
    pub reevaluate: Vec<bool>,
    pub context: PlanContext,
}

/// Serializes model objects, caching each binding's JSON (it never changes).
pub struct Inspector<'m> {
    model: &'m FlowModel,
    bindings: RefCell<HashMap<usize, Rc<Json>>>,
}

impl<'m> Inspector<'m> {
    pub fn new(model: &'m FlowModel) -> Self {
        Inspector {
            model,
            bindings: RefCell::new(HashMap::new()),
        }
    }

    /// `FlowSetSerializer`: the seed's field list (`background`, see docs/simulation.md),
    /// plus `background_url` where the targeted release's serializer has it.
    pub fn flow_set(&self, flow: usize) -> Json {
        let f = self.model.obj(flow);
        let slug = f.str_or("slug", "");
        let background = match f.get("background").and_then(|v| v.as_str()) {
            Some(bg) if !bg.is_empty() => bg.to_owned(),
            _ => DEFAULT_BACKGROUND.to_owned(),
        };
        let background_url = self
            .model
            .set
            .release
            .caps
            .flow_set_background_url
            .then(|| ("background_url".to_owned(), Json::Str(background.clone())));
        let mut flow_set = Json::object([
            ("pk", Json::str(f.pk.to_string())),
            ("policybindingmodel_ptr_id", Json::str(f.pbm.to_string())),
            ("name", Json::str(f.name())),
            ("slug", Json::str(slug)),
            ("title", Json::str(f.str_or("title", ""))),
            ("designation", Json::str(f.str_or("designation", ""))),
            ("background", Json::Str(background)),
            (
                "policy_engine_mode",
                Json::str(f.str_or("policy_engine_mode", "any")),
            ),
            (
                "compatibility_mode",
                Json::Bool(f.bool_or("compatibility_mode", false)),
            ),
            (
                "export_url",
                Json::Str(format!("/api/v3/flows/instances/{slug}/export/")),
            ),
            ("layout", Json::str(f.str_or("layout", "stacked"))),
            (
                "denied_action",
                Json::str(f.str_or("denied_action", "message_continue")),
            ),
        ]);
        // Where authentik's own field sits: right after the schema's `background`.
        if let (Json::Object(pairs), Some(url)) = (&mut flow_set, background_url) {
            let at = pairs
                .iter()
                .position(|(k, _)| k == "background")
                .map_or(0, |i| i + 1);
            pairs.insert(at, url);
        }
        flow_set
    }

    /// `StageSerializer`.
    pub fn stage(&self, stage: usize) -> Json {
        let s = self.model.obj(stage);
        let (component, verbose, plural) = self.model.describe(stage);
        let flows = self
            .model
            .flows_of_stage(stage)
            .iter()
            .map(|f| self.flow_set(*f))
            .collect();
        Json::object([
            ("pk", Json::str(s.pk.to_string())),
            ("name", Json::str(s.name())),
            ("component", Json::str(component)),
            ("verbose_name", Json::str(verbose)),
            ("verbose_name_plural", Json::str(plural)),
            ("meta_model_name", Json::str(&s.model)),
            ("flow_set", Json::Array(flows)),
        ])
    }

    /// `FlowStageBindingSerializer`.
    pub fn binding(&self, binding: usize) -> Json {
        if let Some(json) = self.bindings.borrow().get(&binding) {
            return Json::Shared(Rc::clone(json));
        }
        let b = self.model.obj(binding);
        let stage = self.model.stage_of(binding);
        let target = b
            .reference("target")
            .map(|f| self.model.obj(f).pk.to_string());
        let json = Json::object([
            ("pk", Json::str(b.pk.to_string())),
            ("policybindingmodel_ptr_id", Json::str(b.pbm.to_string())),
            ("target", target.map_or(Json::Null, Json::Str)),
            ("stage", Json::str(self.model.obj(stage).pk.to_string())),
            ("stage_obj", self.stage(stage)),
            (
                "evaluate_on_plan",
                Json::Bool(b.bool_or("evaluate_on_plan", false)),
            ),
            (
                "re_evaluate_policies",
                Json::Bool(b.bool_or("re_evaluate_policies", true)),
            ),
            ("order", b.int("order").map_or(Json::Null, Json::Int)),
            (
                "policy_engine_mode",
                Json::str(b.str_or("policy_engine_mode", "any")),
            ),
            (
                "invalid_response_action",
                Json::str(b.str_or("invalid_response_action", "retry")),
            ),
        ]);
        let shared = Rc::new(json);
        self.bindings
            .borrow_mut()
            .insert(binding, Rc::clone(&shared));
        Json::Shared(shared)
    }

    /// A stage inserted into the plan at run time (`FlowPlan.insert_stage`): an unsaved
    /// `FlowStageBinding(stage=stage, order=0)`. authentik gives it a random pk and no
    /// target; flowlint derives the pk from the stage and shows the plan's flow as the
    /// target, which the inspector schema requires.
    fn inserted(&self, stage: usize, flow: usize) -> Json {
        let s = self.model.obj(stage);
        let ns = super::model::namespace();
        let pk = uuid::Uuid::new_v5(&ns, format!("inserted:{}", s.identity).as_bytes());
        let pbm = uuid::Uuid::new_v5(&ns, format!("inserted-pbm:{}", s.identity).as_bytes());
        Json::object([
            ("pk", Json::str(pk.to_string())),
            ("policybindingmodel_ptr_id", Json::str(pbm.to_string())),
            ("target", Json::str(self.model.obj(flow).pk.to_string())),
            ("stage", Json::str(s.pk.to_string())),
            ("stage_obj", self.stage(stage)),
            ("evaluate_on_plan", Json::Bool(false)),
            ("re_evaluate_policies", Json::Bool(true)),
            ("order", Json::Int(0)),
            ("policy_engine_mode", Json::str("any")),
            ("invalid_response_action", Json::str("retry")),
        ])
    }

    fn slot(&self, index: usize, flow: usize) -> Json {
        if self.model.obj(index).kind == crate::catalog::ModelKind::Stage {
            self.inserted(index, flow)
        } else {
            self.binding(index)
        }
    }

    /// The binding serializer's empty form (`next_planned_stage` without a next stage).
    pub fn empty_binding() -> Json {
        Json::object([
            ("target", Json::Null),
            ("stage", Json::Null),
            ("evaluate_on_plan", Json::Bool(false)),
            ("re_evaluate_policies", Json::Bool(false)),
            ("order", Json::Null),
            ("policy_engine_mode", Json::Null),
            ("invalid_response_action", Json::Null),
        ])
    }

    /// `FlowInspectorPlanSerializer`.
    pub fn plan(&self, plan: &Plan, users: &[SimUser], session_id: &str) -> Json {
        let current = plan
            .bindings
            .first()
            .map_or_else(Self::empty_binding, |b| self.slot(*b, plan.flow));
        let next = plan
            .bindings
            .get(1)
            .map_or_else(Self::empty_binding, |b| self.slot(*b, plan.flow));
        Json::object([
            ("current_stage", current),
            ("next_planned_stage", next),
            ("plan_context", plan.context.sanitize(self.model, users)),
            ("session_id", Json::str(session_id)),
        ])
    }
}

/// `FlowInspectionSerializer`: the live plan, or else the last snapshot.
pub fn inspection(history: &[Json], live: Option<Json>) -> Json {
    let is_completed = live.is_none();
    let mut pairs = vec![("plans".to_owned(), Json::Array(history.to_vec()))];
    if let Some(current) = live.or_else(|| history.last().cloned()) {
        pairs.push(("current_plan".to_owned(), current));
    }
    pairs.push(("is_completed".to_owned(), Json::Bool(is_completed)));
    Json::Object(pairs)
}
