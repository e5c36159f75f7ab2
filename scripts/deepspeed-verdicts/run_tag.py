"""Run one DeepSpeed source tree on every case: python3 run_tag.py TREE < cases.json > verdicts.json

A verdict is what DeepSpeed does with the config, in the order DeepSpeedEngine.__init__ does it:
  1. runtime/config.py DeepSpeedConfig(config)  (every section model, _batch_assertion, _do_error_check,
     _do_warning_check), dist.get_world_size() answering the case's world_size (default 1);
  2. runtime/engine.py DeepSpeedEngine._do_sanity_check();
  3. _configure_basic_optimizer([]) when the config names an optimizer (else the caller's torch.optim.AdamW,
     as HF Trainer and ROLL pass one), then _do_optimizer_sanity_check(optimizer);
  4. _scheduler_from_config(optimizer) (DeepSpeed's schedulers are constructed for real; torch's are names only);
  5. the ZeRO optimizer constructors' checks, which need tensors, from engine_rules.py (each cites its
     DeepSpeed file and function, and applies only where its message is in that file at this tag).
The first exception is the verdict; DeepSpeed's logger warnings are collected throughout.
"""
import copy
import json
import logging
import os
import sys
import traceback
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dsstub  # noqa: E402

TREE = sys.argv[1]
RESULT = sys.stdout
sys.stdout = sys.stderr  # DeepSpeed print()s; only the verdicts go to the real stdout
dsstub.install(TREE)

from pydantic import ValidationError  # noqa: E402

from deepspeed.runtime.config import DeepSpeedConfig  # noqa: E402
import deepspeed.runtime.engine as engine_module  # noqa: E402
import engine_rules  # noqa: E402

# Section models -> where their input sits in the config (ValidationError.title names the model).
MODEL_PATHS = {
    "DeepSpeedZeroConfig": "zero_optimization",
    "DeepSpeedZeroOffloadParamConfig": "zero_optimization.offload_param",
    "DeepSpeedZeroOffloadOptimizerConfig": "zero_optimization.offload_optimizer",
    "ZenFlowConfig": "zero_optimization.zenflow",
    "DeepSpeedZeroLeafModuleConfig": "zero_optimization.leaf_module",
    "DeepSpeedFP16Config": "fp16",
    "DeepSpeedBF16Config": "bf16",
    "CompileConfig": "compile",
    "TPTrainingConfig": "tensor_parallel",
    "TPConfig": "tensor_parallel.tp",
    "CommsLoggerConfig": "comms_logger",
    "TensorBoardConfig": "tensorboard",
    "WandbConfig": "wandb",
    "CSVConfig": "csv_monitor",
    "CometConfig": "comet",
    "DeepSpeedMonitorConfig": "",
    "HybridEngineConfig": "hybrid_engine",
    "DeepSpeedHybridEngineConfig": "hybrid_engine",
    "DeepSpeedThroughputTimerConfig": "timers.throughput",
    "WeightQuantConfig": "weight_quantization",
    "DeepSpeedCheckpointConfig": "checkpoint",
}


class Capture(logging.Handler):

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


# Warnings caused by the harness itself, not by the config.
HARNESS_NOISE = ("Pydantic V2", "get learning rate from scheduler before it has started")


def harness_failure(exc):
    """An exception raised by this harness, not by DeepSpeed: a stub or engine attribute it lacks."""
    frames = traceback.extract_tb(exc.__traceback__)
    last = frames[-1].filename if frames else ""
    if any(f"'{name}." in str(exc) for name in dsstub.STUBBED):  # a stub leaked into arithmetic
        return True
    return isinstance(exc, AttributeError) and ("DeepSpeedEngine" in str(exc) or "dsstub" in last)


def error_verdict(exc, stage):
    verdict = {"valid": False, "stage": stage, "type": type(exc).__name__, "message": str(exc).strip()}
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        prefix = MODEL_PATHS.get(exc.title)
        loc = ".".join(str(part) for part in first["loc"])
        verdict["model"] = exc.title
        verdict["message"] = f"{loc}: {first['msg']}" if loc else first["msg"]
        if prefix is not None:
            verdict["loc"] = ".".join(part for part in (prefix, loc) if part)
    return verdict


def fake_engine(cfg, config):
    # apex installed: DeepSpeed's amp path logs amp.__path__ (verdicts assume the optional packages exist).
    engine_module.amp = dsstub.StubModule("apex.amp")
    engine = object.__new__(engine_module.DeepSpeedEngine)
    engine.__dict__.update(
        _config=cfg, config=config, client_optimizer=None, client_lr_scheduler=None, mpu=None,
        pipeline_parallelism=False, has_moe_layers=False, global_rank=0, mesh_device=None,
        _deepcompile_active=False, zenflow=False, training_dataloader=None)
    engine.gradient_average = True
    return engine


def fake_optimizer():
    import torch
    optimizer = object.__new__(torch.optim.Optimizer)
    optimizer.param_groups = [{"lr": 0.001, "betas": (0.9, 0.999), "momentum": 0.9, "params": []}]
    return optimizer


def _bf16(cfg, name, old_attr):
    block = getattr(cfg, "bfloat16_config", None)
    if block is not None:
        return getattr(block, name)
    return getattr(cfg, old_attr, None)


def _offload(cfg, block):
    config = getattr(cfg.zero_config, block)
    return None if config is None else config.pin_memory


# Effective values DeepSpeedConfig holds, for the defaults that changed between releases (cases with
# "effective": true); packages/deepspeed's DEFAULT_CHANGES is checked against them.
EFFECTIVE = {
    "gradient_clipping": lambda cfg: cfg.gradient_clipping,
    "bf16.immediate_grad_update": lambda cfg: _bf16(cfg, "immediate_grad_update", "bfloat16_immediate_grad_update"),
    "bf16.check_grad_overflow": lambda cfg: _bf16(cfg, "check_grad_overflow", "bfloat16_check_grad_overflow"),
    "zero_optimization.offload_param.pin_memory": lambda cfg: _offload(cfg, "offload_param"),
    "zero_optimization.offload_optimizer.pin_memory": lambda cfg: _offload(cfg, "offload_optimizer"),
}


def run_case(case):
    dsstub.WORLD["size"] = case.get("world_size", 1)
    config = copy.deepcopy(case["config"])
    stage = "DeepSpeedConfig"
    cfg = None
    try:
        cfg = DeepSpeedConfig(config)
        engine = fake_engine(cfg, config)
        stage = "DeepSpeedEngine._do_sanity_check"
        engine._do_sanity_check()
        if getattr(cfg, "log_level", None) is not None:  # v0.19.3+: DeepSpeedEngine.__init__ sets the log level
            stage = "DeepSpeedEngine.__init__ set_log_level_from_string"
            from deepspeed.utils.logging import get_log_level_from_string
            get_log_level_from_string(cfg.log_level)
        if (cfg.float16_config.enabled if hasattr(cfg, "float16_config") else cfg.fp16_enabled) or (
                cfg.bfloat16_config.enabled if hasattr(cfg, "bfloat16_config") else cfg.bfloat16_enabled):
            mixed = getattr(engine, "_mixed_precision_dtypes", None)  # v0.19.2+: data_types.buffer_dtype
            if mixed is not None:
                stage = "DeepSpeedEngine._configure_distributed_model"
                mixed()
        configure_zenflow = getattr(engine_module, "configure_zenflow", None)
        if configure_zenflow is not None:  # ZenFlow (v0.17.5+): DeepSpeedEngine.__init__ -> zenflow/engine.py
            stage = "zenflow/engine.py configure_zenflow"
            configure_zenflow(engine)
        stage = "DeepSpeedEngine._configure_basic_optimizer"
        if cfg.optimizer_name is not None:
            basic = engine._configure_basic_optimizer([])
        else:
            import torch
            basic = torch.optim.AdamW()
        stage = "DeepSpeedEngine._do_optimizer_sanity_check"
        engine._do_optimizer_sanity_check(basic)
        stage = "DeepSpeedEngine._scheduler_from_config"
        engine._scheduler_from_config(fake_optimizer())
        stage = "engine_rules"
        engine_rules.check(TREE, cfg, config, case)
        if case.get("effective"):
            values = {path: get(cfg) for path, get in EFFECTIVE.items()}
            return {"valid": True, "effective": {k: str(v) for k, v in values.items() if v is not None}}
    except Exception as exc:  # noqa: BLE001 - every DeepSpeed failure is a verdict
        if harness_failure(exc):
            return {"valid": None, "harness": f"{type(exc).__name__}: {exc}", "stage": stage}
        return error_verdict(exc, stage)
    return {"valid": True}


def main():
    cases = json.load(sys.stdin)
    logger = logging.getLogger("DeepSpeed")
    logger.propagate = False
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    capture = Capture()
    logger.addHandler(capture)
    out = {}
    for case in cases:
        capture.messages = []
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            verdict = run_case(case)
        found = capture.messages + [str(w.message) for w in caught if "deepspeed" in (w.filename or "")]
        found = [m for m in found if not any(noise in m for noise in HARNESS_NOISE)]
        if found:
            verdict["warnings"] = sorted(set(found))
        out[case["id"]] = verdict
    json.dump(out, RESULT, indent=None, sort_keys=True)


if __name__ == "__main__":
    main()
