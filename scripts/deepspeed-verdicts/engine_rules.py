"""Start-up checks DeepSpeed makes where the recorder cannot call the code (it needs tensors).

Each rule cites the file and function it comes from and the text DeepSpeed raises; `check` applies a
rule only when that text is in that file at the tag being recorded, so a rule's versions come from the
source itself. The predicates read the DeepSpeedConfig object DeepSpeed built, never the raw dict.
"""
import os

RULES = []


def rule(file, function, needle, exc_type=AssertionError):

    def register(predicate):
        RULES.append({"file": file, "function": function, "needle": needle, "type": exc_type, "when": predicate})
        return predicate

    return register


_SOURCE_CACHE = {}


def present(tree, file, needle):
    path = os.path.join(tree, file)
    if path not in _SOURCE_CACHE:
        _SOURCE_CACHE[path] = open(path).read() if os.path.exists(path) else ""
    return needle in _SOURCE_CACHE[path]


def check(tree, cfg, config, case):
    for r in RULES:
        if present(tree, r["file"], r["needle"]):
            message = r["when"](cfg, config)
            if message:
                raise r["type"](message)


def stage(cfg):
    return int(cfg.zero_optimization_stage)


def zero(cfg):
    return cfg.zero_config


def gradient_average(cfg):
    # engine.py DeepSpeedEngine.__init__: gradient_average = (gradient_allreduce_op == "mean"); always True before it.
    return getattr(cfg, "gradient_allreduce_op", "mean") == "mean"


def offload_device(block):
    return None if block is None else str(getattr(block.device, "value", block.device))


@rule("deepspeed/runtime/engine.py", "DeepSpeedEngine._configure_zero_optimizer",
      "The deprecated version of ZeRO Stage 1 is not supported", Exception)
def legacy_stage1(cfg, config):
    if stage(cfg) > 0 and getattr(zero(cfg), "legacy_stage1", False):
        return ("The deprecated version of ZeRO Stage 1 is not supported in deepspeed >= 0.5.9. Please downgrade to "
                "a version less than 0.5.9 if you need to use this deprecated version of ZeRO.")


@rule("deepspeed/runtime/zero/stage_1_and_2.py", "DeepSpeedZeroOptimizer.__init__",
      "gradient_predivide_factor != 1.0 is not yet supported with")
def stage2_reduce_scatter_predivide(cfg, config):
    if stage(cfg) == 2 and zero(cfg).reduce_scatter and gradient_average(cfg) and cfg.gradient_predivide_factor != 1.0:
        return "gradient_predivide_factor != 1.0 is not yet supported with ZeRO-2 with reduce scatter enabled"


@rule("deepspeed/runtime/zero/stage_1_and_2.py", "DeepSpeedZeroOptimizer.__init__",
      "pre-scale gradients is not yet supported with")
def stage2_reduce_scatter_prescale(cfg, config):
    if stage(cfg) == 2 and zero(cfg).reduce_scatter and gradient_average(cfg) and cfg.prescale_gradients:
        return "pre-scale gradients is not yet supported with ZeRO-2 with reduce scatter enabled"


@rule("deepspeed/runtime/zero/stage3.py", "DeepSpeedZeroOptimizer_Stage3.__init__",
      "gradient_predivide_factor != 1.0 is not yet supported with ZeRO-3 with reduce scatter enabled")
def stage3_reduce_scatter_predivide(cfg, config):
    if stage(cfg) == 3 and zero(cfg).reduce_scatter and cfg.gradient_predivide_factor != 1.0:
        return "gradient_predivide_factor != 1.0 is not yet supported with ZeRO-3 with reduce scatter enabled"


@rule("deepspeed/runtime/zero/stage3.py", "DeepSpeedZeroOptimizer_Stage3.__init__",
      "pre-scale gradients is not yet supported with ZeRO-3 with reduce scatter enabled")
def stage3_reduce_scatter_prescale(cfg, config):
    if stage(cfg) == 3 and zero(cfg).reduce_scatter and cfg.prescale_gradients:
        return "pre-scale gradients is not yet supported with ZeRO-3 with reduce scatter enabled"


@rule("deepspeed/runtime/zero/stage3.py", "DeepSpeedZeroOptimizer_Stage3.__init__",
      "when enable all_to_all_reduce, reduce_scatter should also be enabled")
def stage3_qgz_reduce_scatter(cfg, config):
    # engine.py creates all2all_process_group when zero_quantized_gradients is set.
    if stage(cfg) == 3 and getattr(zero(cfg), "zero_quantized_gradients", False) and not zero(cfg).reduce_scatter:
        return "when enable all_to_all_reduce, reduce_scatter should also be enabled for data type checks."


@rule("deepspeed/utils/groups.py", "_create_zero_param_parallel_group (from stage3.py _set_zero_group_parallelism)",
      "_ensure_divisibility(world_size, zero_param_parallel_size_)")
def hpz_divisibility(cfg, config):
    hpz = getattr(zero(cfg), "zero_hpz_partition_size", 1)
    world = int(cfg.world_size)
    if stage(cfg) == 3 and hpz > 1 and world % min(hpz, world) != 0:
        return f"{world} is not divisible by {min(hpz, world)}"


@rule("deepspeed/runtime/zero/stage3.py", "DeepSpeedZeroOptimizer_Stage3._configure_tensor_swapping",
      "os.path.join(offload_optimizer_config.nvme_path", TypeError)
def stage3_nvme_optimizer_path(cfg, config):
    block = zero(cfg).offload_optimizer
    if stage(cfg) == 3 and offload_device(block) == "nvme" and block.nvme_path is None:
        return "expected str, bytes or os.PathLike object, not NoneType (offload_optimizer.nvme_path is required for nvme)"


@rule("deepspeed/runtime/swap_tensor/partitioned_param_swapper.py", "AsyncPartitionedParameterSwapper.__init__",
      "nvme_path", TypeError)
def stage3_nvme_param_path(cfg, config):
    block = zero(cfg).offload_param
    if stage(cfg) == 3 and offload_device(block) == "nvme" and block.nvme_path is None:
        return "expected str, bytes or os.PathLike object, not NoneType (offload_param.nvme_path is required for nvme)"


# First optimizer step: settings DeepSpeed stores at start-up and first uses in arithmetic.
@rule("deepspeed/runtime/engine.py", "DeepSpeedEngine._take_model_step (first step)",
      "if self.gradient_clipping() > 0.0:", TypeError)
def gradient_clipping_number(cfg, config):
    value = cfg.gradient_clipping
    if not isinstance(value, (int, float)):
        return f"'>' not supported between instances of '{type(value).__name__}' and 'float' (gradient_clipping={value!r})"


@rule("deepspeed/runtime/engine.py", "DeepSpeedEngine._take_model_step (first step)",
      "% self.steps_per_print() == 0", TypeError)
def steps_per_print_number(cfg, config):
    value = cfg.steps_per_print
    if value is not None and not isinstance(value, int):
        return f"unsupported operand type(s) for %: 'int' and '{type(value).__name__}' (steps_per_print={value!r})"
    if value == 0:
        return "integer modulo by zero (steps_per_print=0)"


@rule("deepspeed/runtime/fp16/loss_scaler.py", "LossScalerBase.backward (first backward)",
      "scaled_loss = loss * self.loss_scale", TypeError)
def fp16_static_loss_scale_string(cfg, config):
    # Before 0.17.1 fp16 was read with dict.get: a string loss_scale is a "static" scale that multiplies the loss.
    if hasattr(cfg, "float16_config"):
        return None
    if cfg.fp16_enabled and isinstance(cfg.loss_scale, str):
        return f"can't multiply sequence by non-int of type 'Tensor' (fp16.loss_scale={cfg.loss_scale!r})"
