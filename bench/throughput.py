"""Training throughput (images/s, batch 128, model.fit on tf.data) of the faithful LeNet-5 (sparse C3,
trainable subsampling) against a plain Keras LeNet (full Conv2D C3, AveragePooling2D), interleaved.

    python -m bench.throughput [--quick] [--json] [--steps N] [--repeats N]
"""

import time

import numpy as np

from bench.harness.common import benchmark_main, log, ratio, table

GOAL_RATIO = 0.9
BATCH = 128


def plain_lenet(activation: str = "scaled_tanh"):
    """LeNet with stock Keras layers: C3 reads all six S2 maps, S2/S4 are plain 2x2 averages."""
    import keras

    from lenet.activations import get_activation

    act = get_activation(activation)
    inputs = keras.Input(shape=(32, 32, 1))
    x = keras.layers.Conv2D(6, 5, activation=act, name="C1")(inputs)  # (B, 28, 28, 6)
    x = keras.layers.AveragePooling2D(2, name="S2")(x)  # (B, 14, 14, 6)
    x = keras.layers.Conv2D(16, 5, activation=act, name="C3")(x)  # (B, 10, 10, 16)
    x = keras.layers.AveragePooling2D(2, name="S4")(x)  # (B, 5, 5, 16)
    x = keras.layers.Conv2D(120, 5, activation=act, name="C5")(x)  # (B, 1, 1, 120)
    x = keras.layers.Flatten()(x)
    x = keras.layers.Dense(84, activation=act, name="F6")(x)
    outputs = keras.layers.Dense(10, activation="softmax", name="OUTPUT")(x)
    return keras.Model(inputs, outputs, name="plain_lenet")


def compiled(model):
    """Compiled as train/run.py compiles: Adam and the cross-entropy criterion with accuracy."""
    import keras

    from lenet.losses import compile_args

    model.compile(optimizer=keras.optimizers.Adam(1e-3), **compile_args("crossentropy", False))
    return model


def dataset(steps: int, seed: int = 0):
    """Synthetic MNIST-like uint8 digits through the training pipeline (train/pipeline.py)."""
    from train.pipeline import make_dataset

    rng = np.random.default_rng(seed)
    n = steps * BATCH
    x = (rng.random((n, 28, 28)) < 0.2).astype(np.uint8) * 255
    return make_dataset(x, rng.integers(0, 10, n), BATCH, seed, train=True, augment=False)


def images_per_s(model, data, images: int) -> float:
    start = time.perf_counter()
    model.fit(data, epochs=1, verbose=0, shuffle=False)
    return images / (time.perf_counter() - start)


def run(steps: int, repeats: int) -> dict:
    import keras

    import lenet

    keras.utils.set_random_seed(0)
    models = {"faithful": compiled(lenet.build_lenet5()), "plain": compiled(plain_lenet())}
    data = dataset(steps)
    for model in models.values():  # warm-up: traces and compiles the train step; not counted
        model.fit(data.take(3), epochs=1, verbose=0, shuffle=False)
    rates = {name: [] for name in models}
    log(f"throughput: {repeats} repeats x {steps} steps of {BATCH}, interleaved")
    for r in range(repeats):
        for name in list(models) if r % 2 == 0 else list(models)[::-1]:
            rates[name].append(images_per_s(models[name], data, steps * BATCH))
        log(f"throughput: repeat {r + 1}: " + ", ".join(f"{n} {v[-1]:.0f} img/s" for n, v in rates.items()))
    medians = {name: round(float(np.median(v)), 1) for name, v in rates.items()}
    paired = [f / p for f, p in zip(rates["faithful"], rates["plain"])]
    r = ratio(medians["faithful"], medians["plain"])
    return {
        "name": "throughput",
        "batch": BATCH,
        "steps": steps,
        "repeats": repeats,
        "images_per_s": {n: [round(v, 1) for v in vs] for n, vs in rates.items()},
        "median": medians,
        "parameters": {n: int(m.count_params()) for n, m in models.items()},
        "ratio_median": r,
        "ratio_paired_median": round(float(np.median(paired)), 3),
        "goal": f"faithful >= {GOAL_RATIO}x plain",
        "met": r >= GOAL_RATIO,
    }


def lines(result: dict) -> list[str]:
    rows = [
        [n, result["parameters"][n], result["median"][n], " ".join(f"{v:.0f}" for v in result["images_per_s"][n])]
        for n in ("faithful", "plain")
    ]
    return [
        f"Training throughput, batch {result['batch']}, {result['steps']} steps x {result['repeats']} repeats",
        *table(["model", "params", "median img/s", "each repeat"], rows),
        f"faithful / plain: {result['ratio_median']}x (median of paired ratios {result['ratio_paired_median']}x)",
    ]


def main(argv=None) -> int:
    options = {
        "--steps": {"type": int, "help": "batches per timed fit (default 60, --quick 10)"},
        "--repeats": {"type": int, "help": "timed fits per model (default 6, --quick 2)"},
    }
    return benchmark_main(
        argv,
        __doc__,
        options,
        lambda a: run(a.steps or (10 if a.quick else 60), a.repeats or (2 if a.quick else 6)),
        lines,
    )


def summary(r: dict) -> str:
    """The numbers that decide this benchmark's goal, in one line (python -m bench's table)."""
    return f"faithful {r['median']['faithful']} img/s, plain {r['median']['plain']} img/s, {r['ratio_median']}x"


if __name__ == "__main__":
    raise SystemExit(main())
