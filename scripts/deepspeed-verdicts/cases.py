"""The case list: configs chosen to exercise every DeepSpeed config section and rule, positive and negative.

Each case: id (unique, "<section>/<what>"), section (for the per-section counts), config (what the user
wrote), and optionally
  world_size  data-parallel world size DeepSpeed sees (default 1);
  blame       dotted key(s) a refusal is about, for errors whose text names no pydantic location
              (DeepSpeed's own message names the field: the case author copies it into `blame`);
  silent      {"path": key, "reason": why} for settings DeepSpeed accepts but ignores or reinterprets
              without a word: our validator must warn on `path`.
The recorder runs every case at every recorded tag; the verdicts come from DeepSpeed, never from here.
"""
import sys

BASE = {"train_batch_size": 8}
MAX = sys.maxsize
CASES = []


def case(section, name, config, base=True, **extra):
    full = dict(BASE, **config) if base else config
    CASES.append({"id": f"{section}/{name}", "section": section, "config": full, **extra})


def zero(stage, **fields):
    return {"zero_optimization": {"stage": stage, **fields}}


# ---------------------------------------------------------------- section shapes
SHAPES = {"true": True, "false": False, "null": None, "int": 1, "zero": 0, "string": "x", "list": [], "empty": {}}
SECTIONS = [
    "zero_optimization", "fp16", "bf16", "bfloat16", "optimizer", "scheduler", "amp", "torch_autocast",
    "activation_checkpointing", "flops_profiler", "aio", "checkpoint", "data_types", "elasticity", "autotuning",
    "tensorboard", "wandb", "csv_monitor", "comet", "comms_logger", "hybrid_engine", "tensor_parallel",
    "compile", "timers", "nebula", "weight_quantization", "pipeline", "compression_training",
    "data_efficiency", "curriculum_learning", "progressive_layer_drop", "sparse_attention", "quantize_training",
    "expert_parallel", "datastates_ckpt", "eigenvalue",
]
for section in SECTIONS:
    for shape, value in SHAPES.items():
        case("shapes", f"{section}={shape}", {section: value}, blame=[section])

# legacy top-level keys feeding a section
case("legacy", "zero_optimization=true+allgather_size", {"zero_optimization": True, "allgather_size": 1000})
case("legacy", "zero_optimization=true+allgather_size=0", {"zero_optimization": True, "allgather_size": 0})
case("legacy", "zero_optimization=true+allgather_size=-1", {"zero_optimization": True, "allgather_size": -1},
     blame=["allgather_size", "zero_optimization"])
case("legacy", "zero_optimization=false+allgather_size", {"zero_optimization": False, "allgather_size": 10})
case("legacy", "allgather_size-without-zero", {"allgather_size": 10}, silent={
    "path": "allgather_size", "reason": "read only with the boolean zero_optimization form"})
case("legacy", "bfloat16-only", {"bfloat16": {"enabled": True}})
case("legacy", "bfloat16-and-bf16", {"bfloat16": {"enabled": True}, "bf16": {"enabled": False}}, silent={
    "path": "bfloat16", "reason": "bf16 wins; bfloat16 is not read"})
case("legacy", "bf16=null-falls-back-to-bfloat16", {"bf16": None, "bfloat16": {"enabled": True}})
case("legacy", "zero_allow_untested_optimizer", {"zero_allow_untested_optimizer": True})
case("legacy", "zero_allow_untested_optimizer=string", {"zero_allow_untested_optimizer": "yes"})
case("legacy", "cpu_offload-in-zero", zero(2, cpu_offload=True))
case("legacy", "cpu_offload_param-in-zero", zero(3, cpu_offload_param=True))
case("legacy", "cpu_offload_use_pin_memory", zero(2, cpu_offload_use_pin_memory=True))
case("legacy", "legacy_stage1=true", zero(1, legacy_stage1=True), blame=["zero_optimization.legacy_stage1"])
case("legacy", "legacy_stage1=false", zero(1, legacy_stage1=False))
case("legacy", "seq_parallel_comm_data_type", {"seq_parallel_comm_data_type": "fp32"})
case("legacy", "seq_parallel_communication_data_type", {"seq_parallel_communication_data_type": "fp32"})
case("legacy", "unknown-top-level", {"zero_optimisation": {"stage": 2}}, silent={
    "path": "zero_optimisation", "reason": "unknown top-level keys are read with dict.get"})
case("legacy", "zero-key-at-top-level", {"reduce_bucket_size": 1000}, silent={
    "path": "reduce_bucket_size", "reason": "a zero_optimization key at the top level is never read"})
case("legacy", "typo-gradient-clipping", {"gradient_cliping": 1.0}, silent={
    "path": "gradient_cliping", "reason": "unknown top-level keys are read with dict.get"})

# ---------------------------------------------------------------- fp16
FP16_VALUES = {
    "enabled": [True, False, "true", "false", 1, 0, 2, "yes", None, 1.5],
    "auto_cast": [True, False, "x", 2],
    "loss_scale": [0, 128, 0.5, -1, True, "128", "x", None, 65536.0],
    "initial_scale_power": [16, 0, -1, 1.5, True, "16", "x", 100, None],
    "loss_scale_window": [1000, 1, 0, -5, 1.5, True, None],
    "hysteresis": [2, 1, 0, -1, True, 1.5],
    "consecutive_hysteresis": [True, False, "x", 1, 2],
    "min_loss_scale": [1, 0, -1, 0.5, True, "1", 1e-4],
    "fp16_master_weights_and_grads": [True, False, "x"],
}
for field, values in FP16_VALUES.items():
    for value in values:
        fp16 = {"enabled": True, field: value} if field != "enabled" else {"enabled": value}
        case("fp16", f"{field}={value!r}", {"fp16": fp16}, blame=[f"fp16.{field}", "fp16"])
case("fp16", "unknown-key", {"fp16": {"enabled": True, "loss_scale_windows": 10}}, blame=["fp16.loss_scale_windows"])
case("fp16", "bf16-key-in-fp16", {"fp16": {"enabled": True, "immediate_grad_update": True}},
     blame=["fp16.immediate_grad_update"])
case("fp16", "auto-enabled", {"fp16": {"enabled": "auto"}}, blame=["fp16.enabled"])
case("fp16", "auto-loss_scale", {"fp16": {"enabled": True, "loss_scale": "auto"}}, blame=["fp16.loss_scale"])
case("fp16", "disabled-with-bad-window", {"fp16": {"enabled": False, "loss_scale_window": -5}},
     blame=["fp16.loss_scale_window"])
case("fp16", "static-window-ignored", {"fp16": {"enabled": True, "loss_scale": 128, "loss_scale_window": 10}})
for stage in (0, 1, 2, 3):
    case("fp16", f"master-weights-stage{stage}", {"fp16": {"enabled": True, "fp16_master_weights_and_grads": True},
                                                 **zero(stage)},
         blame=["fp16.fp16_master_weights_and_grads", "zero_optimization.stage"])
    case("fp16", f"master-weights-stage{stage}-offload", {
        "fp16": {"enabled": True, "fp16_master_weights_and_grads": True},
        **zero(stage, offload_optimizer={"device": "cpu"})},
         blame=["fp16.fp16_master_weights_and_grads", "zero_optimization.stage", "zero_optimization.offload_optimizer"])
case("precision", "fp16-and-bf16", {"fp16": {"enabled": True}, "bf16": {"enabled": True}}, blame=["fp16", "bf16"])
case("precision", "fp16-and-bfloat16", {"fp16": {"enabled": True}, "bfloat16": {"enabled": True}},
     blame=["fp16", "bfloat16"])
case("precision", "fp16-off-bf16-on", {"fp16": {"enabled": False}, "bf16": {"enabled": True}})

# ---------------------------------------------------------------- bf16
BF16_VALUES = {
    "enabled": [True, False, "true", 1, 0, 2, "x", None],
    "immediate_grad_update": [True, False, "x", 2],
    "check_grad_overflow": [True, False, "x"],
    "bf16_master_weights_and_grads": [True, False, "x"],
    "bf16_optimizer_states": [False, "x"],
}
for field, values in BF16_VALUES.items():
    for value in values:
        bf16 = {"enabled": True, field: value} if field != "enabled" else {"enabled": value}
        case("bf16", f"{field}={value!r}", {"bf16": bf16}, blame=[f"bf16.{field}", "bf16"])
for key, value in (("loss_scale", 0), ("initial_scale_power", 16), ("loss_scale_window", 100), ("hysteresis", 2),
                   ("min_loss_scale", 1), ("auto_cast", True), ("unknown_option", 1)):
    # Before 0.17.1 bf16 is read with dict.get: an fp16 key there is silently ignored (an error from 0.17.1).
    case("bf16", f"foreign-key-{key}", {"bf16": {"enabled": True, key: value}}, blame=[f"bf16.{key}"],
         silent={"path": f"bf16.{key}", "reason": "bf16 is read with dict.get before 0.17.1"})
case("bf16", "auto-enabled", {"bf16": {"enabled": "auto"}}, blame=["bf16.enabled"])
case("bf16", "bfloat16-unknown-key", {"bfloat16": {"enabled": True, "loss_scale": 0}}, blame=["bfloat16.loss_scale"])
for stage in (0, 1, 2, 3):
    for offload in (False, True):
        extra = {"offload_optimizer": {"device": "cpu"}} if offload else {}
        suffix = "-offload" if offload else ""
        case("bf16", f"master-weights-stage{stage}{suffix}", {
            "bf16": {"enabled": True, "bf16_master_weights_and_grads": True}, **zero(stage, **extra)},
             blame=["bf16.bf16_master_weights_and_grads", "zero_optimization.stage",
                    "zero_optimization.offload_optimizer"])
        case("bf16", f"optimizer-states-stage{stage}{suffix}", {
            "bf16": {"enabled": True, "bf16_master_weights_and_grads": True, "bf16_optimizer_states": True},
            **zero(stage, **extra)},
             blame=["bf16.bf16_optimizer_states", "bf16.bf16_master_weights_and_grads", "zero_optimization.stage",
                    "zero_optimization.offload_optimizer"])
    case("bf16", f"optimizer-states-without-master-stage{stage}", {
        "bf16": {"enabled": True, "bf16_optimizer_states": True}, **zero(stage)},
         blame=["bf16.bf16_optimizer_states", "bf16.bf16_master_weights_and_grads", "zero_optimization.stage"])
case("bf16", "master-weights-disabled-bf16", {"bf16": {"enabled": False, "bf16_master_weights_and_grads": True},
                                              **zero(2)}, blame=["bf16.bf16_master_weights_and_grads"])

# ---------------------------------------------------------------- data types
for dtype in ("fp32", "fp16", "bf16", "float32", "float16", "bfloat16", "x", 1, None):
    for precision in ("none", "fp16", "bf16"):
        for stage in (0, 1, 2):
            config = {"data_types": {"grad_accum_dtype": dtype}, **zero(stage)}
            if precision != "none":
                config[precision] = {"enabled": True}
            case("data_types", f"grad_accum_dtype={dtype!r}-{precision}-stage{stage}", config,
                 blame=["data_types.grad_accum_dtype", "data_types"])
for key in ("param_dtype", "buffer_dtype"):
    for dtype in ("fp32", "bf16", "fp16", "x"):
        for precision in ("none", "bf16"):
            config = {"data_types": {key: dtype}}
            if precision != "none":
                config[precision] = {"enabled": True}
            case("data_types", f"{key}={dtype}-{precision}", config, blame=[f"data_types.{key}", "data_types"])
case("data_types", "unknown-key", {"data_types": {"grad_acum_dtype": "fp32"}}, silent={
    "path": "data_types.grad_acum_dtype", "reason": "data_types is read with dict.get"})

# ---------------------------------------------------------------- torch_autocast
for enabled in (True, False, "x"):
    for dtype in ("bfloat16", "float16", "torch.bfloat16", "bf16", "x", None):
        config = {"torch_autocast": {"enabled": enabled}}
        if dtype is not None:
            config["torch_autocast"]["dtype"] = dtype
        case("torch_autocast", f"enabled={enabled!r}-dtype={dtype!r}", config,
             blame=["torch_autocast.dtype", "torch_autocast.enabled", "torch_autocast"])
for modules in (["torch.nn.Linear"], "torch.nn.Linear", [1], []):
    case("torch_autocast", f"lower_precision_safe_modules={modules!r}",
         {"torch_autocast": {"enabled": True, "lower_precision_safe_modules": modules}},
         blame=["torch_autocast.lower_precision_safe_modules"])
for precision in ("fp16", "bf16"):
    case("torch_autocast", f"with-{precision}", {"torch_autocast": {"enabled": True}, precision: {"enabled": True}},
         blame=["torch_autocast", precision])
case("torch_autocast", "unknown-key", {"torch_autocast": {"enabled": True, "dtypes": "bfloat16"}},
     blame=["torch_autocast.dtypes"])

# ---------------------------------------------------------------- gradient reduction
for op in ("mean", "sum", "avg", "x", 1, None):
    for stage in (0, 1, 2, 3):
        case("gradient_allreduce_op", f"{op!r}-stage{stage}", {"gradient_allreduce_op": op, **zero(stage)},
             blame=["gradient_allreduce_op"])
case("gradient_allreduce_op", "sum-zenflow", {"gradient_allreduce_op": "sum", **zero(
    2, offload_optimizer={"device": "cpu"}, zenflow={"topk_ratio": 0.1})}, blame=["gradient_allreduce_op"])
case("gradient_allreduce_op", "sum-deepcompile", {"gradient_allreduce_op": "sum", "compile": {"deepcompile": True}},
     blame=["gradient_allreduce_op"])
for managed in (True, False, "false", 0):
    for stage, overlap in ((0, None), (1, True), (1, False), (2, True), (3, True), (3, False)):
        fields = {} if overlap is None else {"overlap_comm": overlap}
        case("managed_gradient_accumulation", f"{managed!r}-stage{stage}-overlap={overlap}", {
            "managed_gradient_accumulation": managed, **zero(stage, **fields)},
             blame=["managed_gradient_accumulation", "zero_optimization.overlap_comm"])
case("managed_gradient_accumulation", "false-amp", {"managed_gradient_accumulation": False, "amp": {"enabled": True}},
     blame=["managed_gradient_accumulation", "amp"])
for value in (True, False, "true", "false", 1, 0, None):
    case("prescale_gradients", f"{value!r}", {"prescale_gradients": value}, blame=["prescale_gradients"])
for stage in (1, 2, 3):
    for reduce_scatter in (True, False):
        case("prescale_gradients", f"true-stage{stage}-reduce_scatter={reduce_scatter}", {
            "prescale_gradients": True, **zero(stage, reduce_scatter=reduce_scatter)},
             blame=["prescale_gradients", "zero_optimization.reduce_scatter"])
        case("prescale_gradients", f"predivide=2-stage{stage}-reduce_scatter={reduce_scatter}", {
            "gradient_predivide_factor": 2.0, **zero(stage, reduce_scatter=reduce_scatter)},
             blame=["gradient_predivide_factor", "zero_optimization.reduce_scatter"])
for value in (1.0, 0, -1, "2", True):
    case("prescale_gradients", f"predivide={value!r}", {"gradient_predivide_factor": value},
         blame=["gradient_predivide_factor"])
for value in (1.0, 0, -1.0, "1.0", "auto", True, None):
    case("gradient_clipping", f"{value!r}", {"gradient_clipping": value}, blame=["gradient_clipping"])
for dtype in ("fp32", "fp16", "bf16", "fp8", "x", None, 1):
    for stage in (0, 2):
        case("communication_data_type", f"{dtype!r}-stage{stage}", {"communication_data_type": dtype, **zero(stage)},
             blame=["communication_data_type"])

# ---------------------------------------------------------------- checkpoint
for mode in ("Warn", "warn", "IGNORE", "Fail", "fail", "x", 1, None):
    case("checkpoint", f"tag_validation={mode!r}", {"checkpoint": {"tag_validation": mode}},
         blame=["checkpoint.tag_validation"])
for value in (True, False, "true", "x", 1, None):
    case("checkpoint", f"parallel_write.pipeline_stage={value!r}",
         {"checkpoint": {"parallel_write": {"pipeline_stage": value}}},
         blame=["checkpoint.parallel_write.pipeline_stage", "checkpoint.parallel_write"])
for value in (True, None, "x", [], {}):
    case("checkpoint", f"parallel_write={value!r}", {"checkpoint": {"parallel_write": value}},
         blame=["checkpoint.parallel_write"])
case("checkpoint", "parallel_write-unknown-key", {"checkpoint": {"parallel_write": {"pipeline": True}}}, silent={
    "path": "checkpoint.parallel_write.pipeline", "reason": "parallel_write is read with dict.get"})
for key, value in (("load_universal", True), ("load_universal", "x"), ("use_node_local_storage", True),
                   ("checkpoint_serialization", False), ("checkpoint_serialization", True), ("writer", None),
                   ("writer", {"type": "fast"}), ("tag_validations", "Warn")):
    case("checkpoint", f"{key}={value!r}", {"checkpoint": {key: value}}, blame=[f"checkpoint.{key}"])

# ---------------------------------------------------------------- optimizer
OPTIMIZERS = ["Adam", "AdamW", "adam", "ADAMW", "Lamb", "lamb", "OneBitAdam", "ZeroOneAdam", "OneBitLamb", "Lion",
              "MuAdam", "MuAdamW", "MuSGD", "Muon", "Adagrad", "SGD", "RMSprop", "Adafactor", "FusedAdam", "Foo", "",
              None, 1]
for name in OPTIMIZERS:
    for stage in (0, 2):
        case("optimizer", f"type={name!r}-stage{stage}", {"optimizer": {"type": name, "params": {"lr": 0.001}},
                                                         **zero(stage)}, blame=["optimizer.type", "optimizer"])
    case("optimizer", f"type={name!r}-stage2-untested-allowed", {
        "optimizer": {"type": name, "params": {"lr": 0.001}}, "zero_allow_untested_optimizer": True, **zero(2)},
         blame=["optimizer.type", "optimizer"])
case("optimizer", "no-type", {"optimizer": {"params": {"lr": 0.001}}}, blame=["optimizer.type", "optimizer"])
case("optimizer", "no-params", {"optimizer": {"type": "AdamW"}})
case("optimizer", "params-null", {"optimizer": {"type": "AdamW", "params": None}}, blame=["optimizer.params"])
case("optimizer", "max_grad_norm", {"optimizer": {"type": "AdamW", "params": {"lr": 0.001, "max_grad_norm": 1.0}}},
     blame=["optimizer.params.max_grad_norm"])
case("optimizer", "max_grad_norm-fp16", {"optimizer": {"type": "Adam", "params": {"max_grad_norm": 1.0}},
                                         "fp16": {"enabled": True}}, blame=["optimizer.params.max_grad_norm"])
case("optimizer", "max_grad_norm-zero", {"optimizer": {"type": "Adam", "params": {"max_grad_norm": 0}}},
     blame=["optimizer.params.max_grad_norm"])
for name in ("Lamb", "OneBitLamb"):
    for scale in (0, 128):
        case("optimizer", f"{name}-fp16-loss_scale={scale}", {
            "optimizer": {"type": name, "params": {"lr": 0.001}}, "fp16": {"enabled": True, "loss_scale": scale}},
             blame=["optimizer.type", "fp16.loss_scale"])
    case("optimizer", f"{name}-bf16", {"optimizer": {"type": name, "params": {"lr": 0.001}}, "bf16": {"enabled": True}},
         blame=["optimizer.type", "bf16"])
for name in ("OneBitAdam", "ZeroOneAdam", "OneBitLamb"):
    for stage in (1, 3):
        case("optimizer", f"{name}-stage{stage}", {"optimizer": {"type": name}, **zero(stage)},
             blame=["optimizer.type", "zero_optimization.stage"])
case("optimizer", "amp-zero", {"amp": {"enabled": True}, **zero(1)}, blame=["amp", "zero_optimization.stage"])
case("optimizer", "amp-fp16", {"amp": {"enabled": True}, "fp16": {"enabled": True}}, blame=["amp", "fp16"])
case("optimizer", "amp-alone", {"amp": {"enabled": True}}, blame=["amp"])
case("optimizer", "amp-no-enabled", {"amp": {"opt_level": "O1"}}, blame=["amp"])
case("optimizer", "legacy_fusion", {"optimizer": {"type": "Adam", "legacy_fusion": True}})
case("optimizer", "unknown-key", {"optimizer": {"type": "Adam", "param": {"lr": 1}}}, silent={
    "path": "optimizer.param", "reason": "optimizer is read with dict.get"})
case("optimizer", "unknown-param", {"optimizer": {"type": "Adam", "params": {"learning_rate": 1}}},
     blame=["optimizer.params.learning_rate", "optimizer.params"])
for force in (True, False):
    case("optimizer", f"offload-zero_force_ds_cpu_optimizer={force}", {
        "zero_force_ds_cpu_optimizer": force, **zero(2, offload_optimizer={"device": "cpu"})})

# ---------------------------------------------------------------- scheduler
SCHEDULERS = {
    "WarmupLR": [{}, {"warmup_num_steps": 10}, {"warmup_num_steps": 10.5}, {"warmup_num_steps": "10"},
                 {"warmup_type": "linear"}, {"warmup_type": "x"}, {"bogus": 1}, {"warmup_min_lr": "auto"}],
    "WarmupDecayLR": [{}, {"total_num_steps": 100}, {"total_num_steps": 100, "warmup_num_steps": 200},
                      {"total_num_steps": 100, "warmup_num_steps": 10}],
    "WarmupCosineLR": [{}, {"total_num_steps": 100}, {"total_num_steps": 100, "warmup_min_ratio": 0.1}],
    "OneCycle": [{}, {"cycle_min_lr": 0.001, "cycle_max_lr": 0.01}],
    "LRRangeTest": [{}, {"lr_range_test_min_lr": 0.001}],
    "StepLR": [{"step_size": 10}],
    "CosineAnnealingLR": [{"T_max": 10}],
    "Foo": [{}],
    "": [{}],
}
for name, param_sets in SCHEDULERS.items():
    for index, params in enumerate(param_sets):
        case("scheduler", f"{name or 'empty'}-{index}", {"scheduler": {"type": name, "params": params}},
             blame=["scheduler.type", "scheduler.params"] + [f"scheduler.params.{k}" for k in params])
case("scheduler", "no-params", {"scheduler": {"type": "WarmupLR"}}, blame=["scheduler.params"])
case("scheduler", "no-type", {"scheduler": {"params": {}}})
case("scheduler", "type-null", {"scheduler": {"type": None}})

# ---------------------------------------------------------------- ZeRO sizes and fields
SIZE_FIELDS = {
    "reduce_bucket_size": (1, 2, 3), "allgather_bucket_size": (1, 2), "stage3_prefetch_bucket_size": (3, ),
    "stage3_param_persistence_threshold": (3, ), "stage3_max_live_parameters": (3, ),
    "stage3_max_reuse_distance": (3, ), "stage3_model_persistence_threshold": (3, ), "sub_group_size": (3, ),
}
SIZE_VALUES = {"int": 1000, "zero": 0, "negative": -1, "fraction": 1.5, "float": 5e8, "string": "500", "bool": True,
               "maxsize": MAX, "maxsize+1": MAX + 1, "null": None, "auto": "auto", "big-float": 1.5e19}
for field, stages in SIZE_FIELDS.items():
    for value_name, value in SIZE_VALUES.items():
        for stage in stages[:2]:
            case("zero_sizes", f"{field}={value_name}-stage{stage}", zero(stage, **{field: value}),
                 blame=[f"zero_optimization.{field}"])
for stage in range(-1, 5):
    case("zero_stage", f"stage={stage}", zero(stage), blame=["zero_optimization.stage"])
for value in ("2", 2.0, True, "auto", None, "x", [2]):
    case("zero_stage", f"stage={value!r}", {"zero_optimization": {"stage": value}}, blame=["zero_optimization.stage"])
case("zero_stage", "no-stage", {"zero_optimization": {"reduce_bucket_size": 1000}})
case("zero_fields", "alias-and-name", zero(3, stage3_prefetch_bucket_size=1, prefetch_bucket_size=2),
     blame=["zero_optimization.prefetch_bucket_size", "zero_optimization.stage3_prefetch_bucket_size"])
case("zero_fields", "internal-name", zero(3, prefetch_bucket_size=2))
case("zero_fields", "unknown-key", zero(2, overlap_com=True), blame=["zero_optimization.overlap_com"])
case("zero_fields", "aio-in-zero", zero(3, aio={"block_size": 1}), blame=["zero_optimization.aio"])
case("zero_fields", "grad_hooks", zero(2, grad_hooks=True), blame=["zero_optimization.grad_hooks"])
for key, values in {
    "overlap_comm": [True, False, None, "x"], "contiguous_gradients": [True, "x"], "reduce_scatter": [False, 2],
    "round_robin_gradients": [True], "load_from_fp32_weights": [False], "ignore_unused_parameters": [False],
    "stage3_gather_16bit_weights_on_model_save": [True, "x"], "gather_16bit_weights_on_model_save": [True],
    "stage3_gather_fp16_weights_on_model_save": [True], "use_all_reduce_for_fetch_params": [True],
    "zero_hpz_partition_size": [1, 2, 3, 0], "zero_quantized_weights": [True], "zero_quantized_gradients": [True],
    "zero_quantized_nontrainable_weights": [True], "mics_shard_size": [-1, 2], "mics_hierarchical_params_gather": [True],
    "memory_efficient_linear": [False], "pipeline_loading_checkpoint": [True], "override_module_apply": [False],
    "module_granularity_threshold": [0, 100], "log_trace_cache_warnings": [True], "cpu_offload": [True],
    "use_multi_rank_bucket_allreduce": [False], "offload_param": [None], "offload_optimizer": [None],
    "save_muon_momentum_buffer_in_memory": [True], "stage3_use_all_reduce_for_fetch_params": [True],
}.items():
    for value in values:
        for stage in (2, 3):
            case("zero_fields", f"{key}={value!r}-stage{stage}", zero(stage, **{key: value}),
                 blame=[f"zero_optimization.{key}"], world_size=4 if key == "zero_hpz_partition_size" else 1)
case("zero_fields", "qgz-without-reduce_scatter", zero(3, zero_quantized_gradients=True, reduce_scatter=False),
     blame=["zero_optimization.zero_quantized_gradients", "zero_optimization.reduce_scatter"])
for stage in (1, 2, 3):
    for value in (True, False):
        case("elastic_checkpoint", f"{value}-stage{stage}", zero(stage, elastic_checkpoint=value),
             blame=["zero_optimization.elastic_checkpoint"])
LEAF = {"null": None, "empty": {}, "classes": {"classes": ["Block"]}, "names": {"names": ["layer.0"]},
        "suffixes": {"name_suffixes": [".mlp"]}, "classes-int": {"classes": [1]}, "classes-string": {"classes": "Block"},
        "classes-null": {"classes": None}, "unknown": {"class": ["Block"]}, "list": ["Block"], "true": True}
for name, value in LEAF.items():
    for stage in (2, 3):
        case("leaf_module", f"{name}-stage{stage}", zero(stage, leaf_module=value),
             blame=["zero_optimization.leaf_module"] +
             [f"zero_optimization.leaf_module.{k}" for k in (value if isinstance(value, dict) else {})])

# ---------------------------------------------------------------- offload
for target in ("offload_param", "offload_optimizer"):
    for device in ("cpu", "nvme", "none", "CPU", "gpu", 1, None, "auto"):
        for stage in (1, 2, 3):
            block = {"device": device}
            if device == "nvme":
                block["nvme_path"] = "/local_nvme"
            case("offload", f"{target}.device={device!r}-stage{stage}", zero(stage, **{target: block}),
                 blame=[f"zero_optimization.{target}.device", f"zero_optimization.{target}"])
    for key, value in (("nvme_path", None), ("pin_memory", True), ("pin_memory", "x"), ("buffer_count", 0),
                       ("buffer_count", -1), ("buffer_size", 1.5), ("max_in_cpu", 0), ("fast_init", True),
                       ("ratio", 0.5), ("ratio", 1.5), ("ratio", -0.1), ("pipeline_read", True),
                       ("super_offload", True), ("cpuadam_cores_perc", 0.5), ("cpuadam_cores_perc", 2),
                       ("unknown", 1)):
        case("offload", f"{target}.{key}={value!r}-stage3", zero(3, **{target: {"device": "cpu", key: value}}),
             blame=[f"zero_optimization.{target}.{key}", f"zero_optimization.{target}"])
case("offload", "nvme-without-path-param", zero(3, offload_param={"device": "nvme"}),
     blame=["zero_optimization.offload_param.nvme_path"])
case("offload", "nvme-without-path-optimizer", zero(3, offload_optimizer={"device": "nvme"}),
     blame=["zero_optimization.offload_optimizer.nvme_path"])
for key, value, stage in (("sub_group_size", 1000, 2), ("stage3_prefetch_bucket_size", 1000, 2),
                          ("stage3_max_live_parameters", 1000, 1), ("allgather_bucket_size", 1000, 3)):
    case("zero_fields", f"{key}-read-only-at-other-stages-{stage}", zero(stage, **{key: value}), silent={
        "path": f"zero_optimization.{key}", "reason": f"ZeRO stage {stage} never reads it"})
case("offload", "param-below-stage3-silent", zero(2, offload_param={"device": "cpu"}), silent={
    "path": "zero_optimization.offload_param", "reason": "stage 1/2 never read offload_param"})
case("offload", "nvme-optimizer-below-stage3-silent", zero(
    2, offload_optimizer={"device": "nvme", "nvme_path": "/nvme"}), silent={
        "path": "zero_optimization.offload_optimizer.device", "reason": "stage 1/2 offload the optimizer to CPU"})
for stage in (1, 2, 3):
    case("offload", f"ratio=0.5-stage{stage}", zero(stage, offload_optimizer={"device": "cpu", "ratio": 0.5}),
         blame=["zero_optimization.offload_optimizer.ratio"])

# ---------------------------------------------------------------- ZenFlow
ZEN_BASE = {"offload_optimizer": {"device": "cpu", "pin_memory": True}}
ZEN_VALUES = {
    "topk_ratio": [0.1, 0.0, 1.0, 1.5, -0.1, "auto", "0.1", True],
    "select_strategy": ["auto", "step", "epoch", "x", 1],
    "select_interval": ["auto", 10, 0, -1, 1.5, "10"],
    "update_interval": ["auto", 4, 0, -2, "x"],
    "overlap_step": [True, False, "x"],
    "offload": [True, False],
    "auto_ratio": [0.99, 0.0, 1.5, "x"],
    "full_warm_up_rounds": [0, 5, -1],
    "pt_reserved_cores_perc": [0.5, 0.0, 1.0, 1.5, -0.5],
    "steps_per_epoch": [None, 100, 0, -1, "auto"],
    "unknown": [1],
}
for field, values in ZEN_VALUES.items():
    for value in values:
        case("zenflow", f"{field}={value!r}", zero(2, zenflow={field: value}, **ZEN_BASE),
             blame=[f"zero_optimization.zenflow.{field}", "zero_optimization.zenflow"])
for stage in (0, 1, 2, 3):
    case("zenflow", f"stage{stage}", zero(stage, zenflow={"topk_ratio": 0.1}, **ZEN_BASE),
         blame=["zero_optimization.zenflow", "zero_optimization.stage"])
case("zenflow", "without-offload", zero(2, zenflow={"topk_ratio": 0.1}),
     blame=["zero_optimization.zenflow", "zero_optimization.offload_optimizer"])
case("zenflow", "nvme-offload", zero(2, zenflow={"topk_ratio": 0.1},
                                     offload_optimizer={"device": "nvme", "nvme_path": "/n"}),
     blame=["zero_optimization.zenflow", "zero_optimization.offload_optimizer"])
case("zenflow", "empty", zero(2, zenflow={}, **ZEN_BASE))
case("zenflow", "null", zero(2, zenflow=None, **ZEN_BASE))
for shape, value in (("true", True), ("list", []), ("string", "x")):
    case("zenflow", f"shape={shape}", zero(2, zenflow=value, **ZEN_BASE), blame=["zero_optimization.zenflow"])
for name in ("Adam", "AdamW", "SGD", "Lion"):
    case("zenflow", f"optimizer={name}", {"optimizer": {"type": name}, **zero(2, zenflow={"topk_ratio": 0.1},
                                                                                **ZEN_BASE)},
         blame=["optimizer.type", "zero_optimization.zenflow"])
case("zenflow", "select_strategy=epoch-without-steps", zero(
    2, zenflow={"select_strategy": "epoch", "select_interval": 1}, **ZEN_BASE),
     blame=["zero_optimization.zenflow.steps_per_epoch", "zero_optimization.zenflow.select_strategy"])
case("zenflow", "overlap_step-offload", zero(2, zenflow={"overlap_step": True, "offload": True}, **ZEN_BASE),
     blame=["zero_optimization.zenflow"])

# ---------------------------------------------------------------- batch
BATCH = [
    ({"train_batch_size": 8}, 1), ({"train_batch_size": 8}, 2), ({"train_batch_size": 8}, 3),
    ({"train_batch_size": 8, "train_micro_batch_size_per_gpu": 2}, 2),
    ({"train_batch_size": 8, "train_micro_batch_size_per_gpu": 3}, 2),
    ({"train_batch_size": 8, "gradient_accumulation_steps": 2}, 2),
    ({"train_batch_size": 8, "gradient_accumulation_steps": 3}, 2),
    ({"train_micro_batch_size_per_gpu": 2, "gradient_accumulation_steps": 4}, 8),
    ({"train_micro_batch_size_per_gpu": 2}, 4),
    ({"train_batch_size": 16, "train_micro_batch_size_per_gpu": 2, "gradient_accumulation_steps": 4}, 2),
    ({"train_batch_size": 16, "train_micro_batch_size_per_gpu": 2, "gradient_accumulation_steps": 4}, 4),
    ({"gradient_accumulation_steps": 4}, 1), ({}, 1), ({"train_batch_size": 0}, 1), ({"train_batch_size": -8}, 1),
    ({"train_micro_batch_size_per_gpu": 0}, 1), ({"train_batch_size": 8, "gradient_accumulation_steps": 0}, 1),
    ({"train_batch_size": "8"}, 1), ({"train_batch_size": 8.0}, 1), ({"train_batch_size": 8.5}, 1),
    ({"train_batch_size": "auto"}, 1), ({"train_batch_size": 8, "train_micro_batch_size_per_gpu": "auto"}, 1),
    ({"train_batch_size": True}, 1), ({"train_batch_size": None, "train_micro_batch_size_per_gpu": 4}, 2),
    ({"train_batch_size": 4}, 8), ({"train_batch_size": 8, "train_micro_batch_size_per_gpu": 16}, 1),
]
for index, (batch, world) in enumerate(BATCH):
    case("batch", f"{index}-{'-'.join(f'{k}={v!r}' for k, v in batch.items()) or 'none'}-ws{world}", batch,
         base=False, world_size=world,
         blame=["train_batch_size", "train_micro_batch_size_per_gpu", "gradient_accumulation_steps"])
# (elasticity's own batch computation needs numpy, which this machine's Python lacks: not recorded)
case("elasticity", "disabled", {"elasticity": {"enabled": False, "max_train_batch_size": 64}})

# ---------------------------------------------------------------- defaults that changed between releases
# (the recorder stores DeepSpeedConfig's effective values for these: gradient_clipping, bf16 flags, pin_memory)
case("defaults", "nothing-set", {}, effective=True)
case("defaults", "bf16", {"bf16": {"enabled": True}}, effective=True)
case("defaults", "zero3-cpu-offload", zero(3, offload_param={"device": "cpu"}, offload_optimizer={"device": "cpu"}),
     effective=True)

# ---------------------------------------------------------------- other sections
for section, good, bad in (
    ("compile", {"deepcompile": True}, {"deepcompile": "x"}),
    ("compile", {"offload_activation": True}, {"unknown": 1}),
    ("compile", {"free_activation": False}, {"offload_opt_states": 2}),
    ("tensorboard", {"enabled": True, "output_path": "/tmp"}, {"enabled": True, "unknown": 1}),
    ("wandb", {"enabled": True, "project": "p"}, {"enabled": True, "projects": "p"}),
    ("csv_monitor", {"enabled": True}, {"enabled": "x"}),
    ("comet", {"enabled": False}, {"enabled": True, "bogus": 1}),
    ("comms_logger", {"enabled": True, "verbose": True}, {"enabled": True, "prof_ops": "x"}),
    ("hybrid_engine", {"enabled": True, "max_out_tokens": 512}, {"enabled": True, "max_out_tokens": "x"}),
    ("tensor_parallel", {"autotp_size": 2}, {"autotp_size": "x"}),
    ("tensor_parallel", {"tp": {"tp_size": 1}}, {"unknown": 1}),
    ("timers", {"throughput": {"enabled": True}}, {"throughput": {"enable": True}}),
    ("activation_checkpointing", {"partition_activations": True}, {"number_checkpoints": "x"}),
    ("activation_checkpointing", {"cpu_checkpointing": True}, {"partition_activation": True}),
    ("flops_profiler", {"enabled": True, "profile_step": 2}, {"enabled": True, "profile_steps": 2}),
    ("aio", {"block_size": 1048576, "queue_depth": 8}, {"thread_count": 2}),
    ("aio", {"use_gds": True}, {"block_size": "x"}),
    ("autotuning", {"enabled": False}, {"enabled": False, "metrics": "latency"}),
    ("nebula", {"enabled": False}, {"enabled": True, "bogus": 1}),
    ("weight_quantization", {"post_init_quant": {}}, {"bogus": 1}),
    ("pipeline", {"activation_checkpoint_interval": 1}, {"bogus": 1}),
    ("expert_parallel", {"enabled": False}, {"bogus": 1}),
):
    case("sections", f"{section}-good-{'-'.join(good)}", {section: good})
    case("sections", f"{section}-bad-{'-'.join(bad)}", {section: bad},
         blame=[section] + [f"{section}.{k}" for k in bad] +
         [f"{section}.{k}.{j}" for k, v in bad.items() if isinstance(v, dict) for j in v])
for key, values in {
    "steps_per_print": [10, 0, "x", None], "wall_clock_breakdown": [True, "x"], "memory_breakdown": [True],
    "dump_state": [True], "sparse_gradients": [True, "x"], "disable_allgather": [True], "log_level": ["info", 1],
    "vocabulary_size": [50257, 50304, "x"], "dataloader_drop_last": [True], "graph_harvesting": [True],
    "use_data_before_expert_parallelism": [True], "sequence_parallel_size": [1, 2],
}.items():
    for value in values:
        case("top_level", f"{key}={value!r}", {key: value}, blame=[key])
