// Typed authoring: type-level checks (checked by `tsc -p packages/config-types/tsconfig.json` and vitest) and
// the emit path (renderYaml; the module loader is the CLI's, packages/cli/src/config-module.ts).
import fc from "fast-check";
import { describe, expect, expectTypeOf, it } from "vitest";
import { parse } from "yaml";
import { defineDeepSpeedConfig, defineRollConfig, pythonFloatText, renderYaml } from "../src/authoring.js";
import type * as DeepSpeedTypes from "../src/deepspeed.js";
import type { DeepSpeedConfig, ZeroOptimization } from "../src/index.js";
import type * as Roll02 from "../src/roll-0.2.js";
import type * as Roll03 from "../src/roll-0.3.js";

describe("type-level checks", () => {
  it("types a correct RLVR config and keeps release and pipeline", () => {
    const config = defineRollConfig("0.3", "rlvr", {
      pretrain: "Qwen/Qwen2.5-7B",
      rollout_batch_size: 64,
      actor_train: { model_args: { dtype: "bf16" }, device_mapping: "list(range(0,8))" },
    });
    expectTypeOf(config.release).toEqualTypeOf<"0.3">();
    expectTypeOf(config.pipeline).toEqualTypeOf<"rlvr">();
    expectTypeOf(config.config).toEqualTypeOf<Roll03.RLVRConfig>();
    expectTypeOf<Roll03.WorkerConfig["model_args"]>().toEqualTypeOf<Roll03.ModelArguments | undefined>();
    // That it also passes the runtime schema: @roll/config-validator's test/schema-authoring.test.ts.
  });

  it("makes misspelled keys and wrong types compile errors", () => {
    defineRollConfig("0.3", "rlvr", {
      // @ts-expect-error misspelled top-level key
      rollout_batch_sise: 64,
    });
    defineRollConfig("0.3", "rlvr", {
      // @ts-expect-error a string where ROLL wants an int
      rollout_batch_size: "64",
    });
    defineRollConfig("0.3", "rlvr", {
      // @ts-expect-error flash_attn is not a ModelArguments field (ROLL drops it silently)
      actor_train: { model_args: { flash_attn: "fa2" } },
    });
    defineRollConfig("0.3", "rlvr", {
      // @ts-expect-error dtype is a Literal
      actor_train: { model_args: { dtype: "bfloat16" } },
    });
    // @ts-expect-error reward_fl exists only in ROLL 0.2
    defineRollConfig("0.3", "reward_fl", {});
    expect(true).toBe(true);
  });

  it("types strategy_config by strategy_name", () => {
    defineRollConfig("0.2", "rlvr", {
      actor_train: {
        strategy_args: {
          strategy_name: "deepspeed_train",
          strategy_config: { zero_optimization: { stage: 3, stage3_prefetch_bucket_size: "auto" } },
        },
      },
    });
    defineRollConfig("0.2", "rlvr", {
      actor_train: {
        strategy_args: {
          strategy_name: "deepspeed_train",
          // @ts-expect-error DeepSpeed's zero_optimization rejects unknown keys
          strategy_config: { zero_optimization: { stage: 3, stage3_prefetch: 1 } },
        },
      },
    });
    defineRollConfig("0.3", "rlvr", {
      actor_train: {
        // @ts-expect-error deepspeed_train was removed in ROLL 0.3
        strategy_args: { strategy_name: "deepspeed_train" },
      },
    });
    expectTypeOf<
      Extract<
        Roll02.StrategyArguments,
        { strategy_name?: "deepspeed_train" | "deepspeed_infer" | "diffusion_deepspeed_train" }
      >["strategy_config"]
    >().toEqualTypeOf<DeepSpeedConfig | null | undefined>();
    expect(true).toBe(true);
  });

  it("types DeepSpeed configs: auto only where HF/ROLL fill it", () => {
    const ds = defineDeepSpeedConfig({
      train_micro_batch_size_per_gpu: "auto",
      zero_optimization: { stage: 3, reduce_bucket_size: "auto", offload_optimizer: { device: "cpu" } },
    });
    expectTypeOf(ds).toEqualTypeOf<DeepSpeedConfig>();
    expectTypeOf<DeepSpeedTypes.ZeroOptimization>().toEqualTypeOf<ZeroOptimization>();
    expectTypeOf<ZeroOptimization["stage"]>().toEqualTypeOf<0 | 1 | 2 | 3 | "auto" | undefined>();
    // @ts-expect-error sub_group_size is never filled from "auto"
    defineDeepSpeedConfig({ zero_optimization: { sub_group_size: "auto" } });
    // @ts-expect-error misspelled top-level key
    defineDeepSpeedConfig({ train_batch_sise: 8 });
    // @ts-expect-error offload devices are lower-case
    defineDeepSpeedConfig({ zero_optimization: { offload_param: { device: "CPU" } } });
    // The runtime DeepSpeed schema accepts it too: @roll/config-validator's test/schema-authoring.test.ts.
  });
});

describe("renderYaml", () => {
  it("writes floats PyYAML reads as floats and quotes YAML 1.1 keywords", () => {
    expect(pythonFloatText(1e-6)).toBe("0.000001");
    expect(pythonFloatText(1e-7)).toBe("1.0e-07");
    expect(pythonFloatText(2.5e21)).toBe("2.5e+21");
    const text = renderYaml({
      lr: 1e-7,
      flag: "yes",
      env: { A: "1" },
      stage: "auto",
      mapping: "list(range(0,8))",
    });
    expect(text).toBe('lr: 1.0e-07\nflag: "yes"\nenv:\n  A: "1"\nstage: auto\nmapping: list(range(0,8))\n');
  });

  it("renders the config of a defineRollConfig result, which reads back to the same data", () => {
    const definition = defineRollConfig("0.3", "sft", { pretrain: "Qwen/Qwen3-8B", sequence_length: 4096 });
    const text = renderYaml(definition, { header: "# generated" });
    expect(text.startsWith("# generated\n")).toBe(true);
    expect(parse(text)).toEqual(definition.config);
  });
});

describe("renderYaml round trip", () => {
  const key = fc.string().filter((k) => k !== "__proto__");
  const scalar = fc.oneof(
    fc.string(),
    fc.constantFrom(
      "yes",
      "no",
      "on",
      "off",
      "y",
      "~",
      "null",
      "True",
      "1e-5",
      "0x1F",
      "010",
      "1:30",
      ".inf",
      "auto",
    ),
    fc.integer(),
    fc.double({ noNaN: true }).filter((x) => !Object.is(x, -0)),
    fc.boolean(),
    fc.constant(null),
  );
  const config = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: "small" }, scalar, tie("object"), fc.array(tie("value"), { maxLength: 4 })),
    object: fc.dictionary(key, tie("value"), { maxKeys: 5 }),
  })).object;

  it('quotes a "<<" string, which YAML 1.1 readers take for a merge key when plain', () => {
    // PyYAML 6 (yaml.safe_load) reads '"<<": 0' as {'<<': 0}; a plain `<<: 0` fails ("expected a mapping or
    // list of mappings for merging, but found scalar").
    const value = { "": { "<<": 0 }, "<<": { a: 1 }, b: "<<" };
    const text = renderYaml(value);
    expect(text).toBe('"":\n  "<<": 0\n"<<":\n  a: 1\nb: "<<"\n');
    expect(parse(text, { version: "1.1" })).toEqual(value);
  });

  it("gives YAML 1.1 readers (PyYAML, OmegaConf) the same data back", () => {
    fc.assert(
      fc.property(config, (value) => {
        expect(parse(renderYaml(value), { version: "1.1" })).toEqual(value);
      }),
      { numRuns: 300 },
    );
  });
});
