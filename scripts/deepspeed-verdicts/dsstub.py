"""Load DeepSpeed's config code from a source tree without torch (or its other heavy imports).

Every module under a STUBBED top-level name is served by StubModule: any attribute is a Stub class,
which can be called, subclassed, indexed, compared and used as a decorator, so DeepSpeed's module-level
torch code (dtype tables, nn.Module subclasses, torch.jit decorators) imports without running anything.
deepspeed/__init__.py (which builds engines) is never executed: the package object is created empty
with its __path__ pointing at the tree.
"""
import abc
import importlib.abc
import importlib.machinery
import sys
import types

STUBBED = {
    "torch", "hjson", "psutil", "numpy", "cpuinfo", "tqdm", "pynvml", "einops", "msgpack", "ninja",
    "triton", "safetensors", "deepspeed_kernels", "transformers", "mpi4py", "apex", "nvidia", "py_cpuinfo",
    "torchvision", "mup",
}


# DeepSpeed packages that build kernels or talk to devices; config code only imports names from them.
STUBBED_DEEPSPEED = ("deepspeed.ops", "deepspeed.accelerator")

# Packages whose __init__.py pulls in engines and kernels: their modules load, their __init__ does not.
SKIP_INIT = ("deepspeed.runtime", "deepspeed.runtime.zero", "deepspeed.module_inject", "deepspeed.inference")

#: What dist.get_world_size() answers; the recorder sets it per case.
WORLD = {"size": 1}


class _StubMeta(abc.ABCMeta):
    """Metaclass of every stub: class-level attribute access, calls and operators never fail."""

    def __getattr__(cls, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        value = _make(f"{cls.__name__}.{name}")
        setattr(cls, name, value)  # the same name is the same class (type(x) in [torch.optim.Adam, ...])
        return value

    def __call__(cls, *args, **kwargs):
        # Used as a decorator (@torch.jit.script, @torch.no_grad()): hand the function back.
        if len(args) == 1 and not kwargs and (callable(args[0]) and not isinstance(args[0], _StubMeta)):
            return args[0]
        return object.__new__(cls)

    def __getitem__(cls, item):
        return _make(f"{cls.__name__}[]")

    def __setitem__(cls, item, value):
        pass

    def __iter__(cls):
        return iter(())

    def __len__(cls):
        return 0

    def __bool__(cls):
        return False

    def __or__(cls, other):
        return cls

    __ror__ = __or__

    def __lt__(cls, other):
        return False

    __gt__ = __le__ = __ge__ = __lt__

    def __int__(cls):
        return 0

    def __index__(cls):
        return 0

    def __float__(cls):
        return 0.0

    def __enter__(cls):
        return cls

    def __exit__(cls, *exc):
        return False


def _instance_getattr(self, name):
    if name.startswith("__") and name.endswith("__"):
        raise AttributeError(name)
    return _make(f"{type(self).__name__}().{name}")


def _instance_call(self, *args, **kwargs):
    if len(args) == 1 and not kwargs and callable(args[0]):
        return args[0]
    return _make(f"{type(self).__name__}()")()


_INSTANCE_METHODS = {
    "__getattr__": _instance_getattr,
    "__call__": _instance_call,
    "__iter__": lambda self: iter(()),
    "__len__": lambda self: 0,
    "__getitem__": lambda self, item: _make("item")(),
    "__setitem__": lambda self, item, value: None,
    "__enter__": lambda self: self,
    "__exit__": lambda self, *exc: False,
}


def _make(name):
    return _StubMeta(name, (), {"__module__": "stub", **_INSTANCE_METHODS})


class StubModule(types.ModuleType):

    def __init__(self, name):
        super().__init__(name)
        self.__path__ = []
        self.__version__ = "2.6.0"

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        value = _make(f"{self.__name__}.{name}")
        setattr(self, name, value)
        return value


class _StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):

    def find_spec(self, fullname, path, target=None):
        if fullname.split(".")[0] in STUBBED or fullname.startswith(STUBBED_DEEPSPEED):
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        return StubModule(spec.name)

    def exec_module(self, module):
        pass


class dtype:
    """torch.dtype: pydantic fields are typed with it (is_instance_of), so it must be a real class."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"torch.{self.name}"


DTYPES = {
    name: dtype(name)
    for name in ("float16", "bfloat16", "float32", "float64", "int8", "uint8", "int32", "int64", "bool", "float8_e4m3fn")
}
DTYPE_ALIASES = {"half": "float16", "float": "float32", "double": "float64", "long": "int64", "int": "int32"}


def _torch_module():
    torch = StubModule("torch")
    torch.dtype = dtype
    for name, value in DTYPES.items():
        setattr(torch, name, value)
    for alias, name in DTYPE_ALIASES.items():
        setattr(torch, alias, DTYPES[name])
    return torch


# torch 2.6's optimizer and scheduler names: DeepSpeed falls back to getattr(torch.optim, name), so an
# unknown name must raise AttributeError exactly as real torch does.
TORCH_OPTIMIZERS = ("Adadelta", "Adafactor", "Adagrad", "Adam", "AdamW", "Adamax", "ASGD", "LBFGS", "NAdam", "RAdam",
                    "RMSprop", "Rprop", "SGD", "SparseAdam", "Optimizer")
TORCH_LR_SCHEDULERS = ("LambdaLR", "MultiplicativeLR", "StepLR", "MultiStepLR", "ConstantLR", "LinearLR",
                       "ExponentialLR", "SequentialLR", "CosineAnnealingLR", "ChainedScheduler", "ReduceLROnPlateau",
                       "CyclicLR", "CosineAnnealingWarmRestarts", "OneCycleLR", "PolynomialLR", "LRScheduler",
                       "_LRScheduler")


class ClosedModule(types.ModuleType):
    """A stub module with a fixed set of names; any other attribute is missing, as in the real module."""

    def __init__(self, name, names):
        super().__init__(name)
        self.__path__ = []
        for attr in names:
            setattr(self, attr, _make(f"{name}.{attr}"))


class Accelerator:
    """get_accelerator(): a CUDA device that supports fp16 and bf16, so verdicts are about the config."""

    def __getattr__(self, name):
        if name.startswith("is_") and name.endswith("_supported"):
            return lambda *a, **k: True
        if name in ("device_name", "communication_backend_name"):
            return lambda *a, **k: "cuda" if name == "device_name" else "nccl"
        return _make(f"accelerator.{name}")


def install(tree):
    """Make `import deepspeed.x` read `tree`/deepspeed/x without running deepspeed/__init__.py."""
    sys.meta_path.insert(0, _StubFinder())
    torch = _torch_module()
    sys.modules["torch"] = torch
    optim = ClosedModule("torch.optim", TORCH_OPTIMIZERS)
    optim.lr_scheduler = ClosedModule("torch.optim.lr_scheduler", TORCH_LR_SCHEDULERS)
    optim.Optimizer = _make("torch.optim.Optimizer")
    torch.optim = optim
    sys.modules["torch.optim"] = optim
    sys.modules["torch.optim.lr_scheduler"] = optim.lr_scheduler
    package = types.ModuleType("deepspeed")
    package.__path__ = [f"{tree}/deepspeed"]
    package.__file__ = f"{tree}/deepspeed/__init__.py"
    package.HAS_TRITON = False
    sys.modules["deepspeed"] = package
    for name in SKIP_INIT:
        module = types.ModuleType(name)
        module.__path__ = [f"{tree}/{name.replace('.', '/')}"]
        sys.modules[name] = module
    # deepspeed.accelerator lives outside deepspeed/ in the repository and probes for devices: stub it.
    accelerator = StubModule("deepspeed.accelerator")
    the_accelerator = Accelerator()
    accelerator.get_accelerator = lambda: the_accelerator
    sys.modules["deepspeed.accelerator"] = accelerator
    package.accelerator = accelerator
    # deepspeed.comm: its __init__ starts backends; keep the package (comm/config.py is a config model)
    # but answer rank/world size from WORLD.
    comm = types.ModuleType("deepspeed.comm")
    comm.__path__ = [f"{tree}/deepspeed/comm"]
    comm.get_rank = lambda *a, **k: 0
    comm.get_world_size = lambda *a, **k: WORLD["size"]
    comm.is_initialized = lambda: True
    comm.ProcessGroup = _make("ProcessGroup")
    comm.ReduceOp = _make("ReduceOp")
    comm.__getattr__ = lambda name: _make(f"comm.{name}")
    sys.modules["deepspeed.comm"] = comm
    package.comm = comm
