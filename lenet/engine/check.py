"""Is a saved model's config.json a LeNet-5 from this package? Read without Keras, as strictly as
`lenet.model.lenet5_mismatch` checks a loaded model, and stricter where the engine relies on more.

The engine computes the chain input -> C1 -> S2 -> C3 -> S4 -> C5 -> flatten -> F6 -> OUTPUT itself, so
besides each layer's kind and sizes (its weights' shapes, checked by lenet.engine.files) it checks what a
shape does not show: the wiring, each convolution's geometry, C3's table, the activations, float32.
"""

from lenet.activations import ACTIVATIONS
from lenet.architecture import INPUT_SHAPE, OUTPUT_KINDS, SPECS, layer_kinds, layer_specs
from lenet.paper import C3_CONNECTIONS, LAYER_NAMES

OURS = ("SparseConv2D", "Subsampling2D", "RBFOutput")  # registered by lenet.layers as "lenet>SparseConv2D"
# Layer -> the one layer whose output it reads ("input": the model's input layer, whatever its name).
READS = {spec.name: spec.input for spec in layer_specs()} | {"flatten": "C5", "F6": "flatten"}  # Keras flattens C5
# What the engine computes, by layer kind: config key -> the only value it accepts.
SETTINGS: dict[str, dict[str, object]] = {
    "Conv2D": {
        "kernel_size": [SPECS["C1"].window] * 2,  # C1 and C5 alike
        "strides": [1, 1],
        "padding": "valid",
        "data_format": "channels_last",
        "dilation_rate": [1, 1],
        "groups": 1,
        "use_bias": True,
    },
    "Subsampling2D": {"pool_size": SPECS["S2"].window},  # S2 and S4 alike
    "SparseConv2D": {
        "kernel_size": SPECS["C3"].window,
        "connections": [list(maps) for maps in C3_CONNECTIONS],  # Table I
    },
    "Dense": {"use_bias": True},
}
SAVED_ACTIVATIONS = {a.saved_name: a.name for a in ACTIVATIONS.values()}  # "lenet>scaled_tanh" -> "scaled_tanh"


class Mismatch(Exception):
    """What differs from LeNet-5, in words (the caller adds the file's name and the fix)."""


def describe(config: dict) -> tuple[str, dict[str, str]]:
    """A saved model's config.json -> (output kind, {C1 ... F6: activation name}); Mismatch if not LeNet-5."""
    if config.get("class_name") != "Functional":
        raise Mismatch(f"it is a {config.get('class_name')} model, not a functional one")
    layers = {layer["config"]["name"]: layer for layer in config["config"]["layers"]}
    missing = [name for name in LAYER_NAMES if name not in layers]
    if missing:
        raise Mismatch(f"missing layer(s) {missing}")
    output = "rbf" if layers["OUTPUT"]["class_name"] == OUTPUT_KINDS["rbf"] else "softmax"
    for name, kind in layer_kinds(output).items():
        _check_layer(name, layers[name], kind)
    _check_wiring(config["config"], layers)
    if output == "softmax" and _saved_activation(layers["OUTPUT"]) != "softmax":
        raise Mismatch(f"OUTPUT's activation is {_saved_activation(layers['OUTPUT'])!r}, not softmax")
    return output, {name: _activation(name, layers[name]) for name in LAYER_NAMES[:-1]}


def frozen_layers(config: dict) -> frozenset[str]:
    """The paper layers saved with trainable off (fine-tuning freezes some): only the Lesson's table tells."""
    layers = {layer["config"]["name"]: layer for layer in config["config"]["layers"]}
    return frozenset(name for name in LAYER_NAMES if layers[name]["config"].get("trainable") is False)


def _check_layer(name: str, layer: dict, kind: str) -> None:
    """Its kind (and where that comes from), dtype and the settings the engine relies on."""
    origin = layer.get("registered_name") if kind in OURS else layer.get("module")
    if layer["class_name"] != kind or origin != (f"lenet>{kind}" if kind in OURS else "keras.layers"):
        raise Mismatch(f"{name} is a {layer['class_name']} layer, not a {kind}")
    config = layer["config"]
    dtype = config.get("dtype")
    dtype = dtype.get("config", {}).get("name") if isinstance(dtype, dict) else dtype
    if dtype != "float32":
        raise Mismatch(f"{name} computes in {dtype}, not float32")
    for key, want in SETTINGS.get(kind, {}).items():
        got = config.get(key)
        if got != want and key == "connections":
            raise Mismatch(f"{name}'s connections are not Table I's")
        if got != want:
            raise Mismatch(f"{name} has {key} {got!r}, not {want!r}")


def _check_wiring(model: dict, layers: dict[str, dict]) -> None:
    """One 32x32x1 input -> C1 -> ... -> OUTPUT, each layer called once on the one before; OUTPUT the only output."""
    inputs, outputs = _names(model["input_layers"]), _names(model["output_layers"])
    if len(inputs) != 1 or outputs != ["OUTPUT"]:
        raise Mismatch(f"its inputs are {inputs} and its outputs {outputs}, not one image in and OUTPUT out")
    if layers.get("flatten", {}).get("class_name") != "Flatten":
        raise Mismatch("it has no Flatten layer named flatten between C5 and F6")
    for name, source in (READS | {"C1": inputs[0]}).items():
        got = _sources(layers[name])
        if got != [source]:
            raise Mismatch(f"{name} reads {got}, not {source}")
    shape = tuple(layers[inputs[0]]["config"].get("batch_shape", [None])[1:])
    if layers[inputs[0]]["class_name"] != "InputLayer" or shape != INPUT_SHAPE:
        raise Mismatch(f"its input is {shape}, not {INPUT_SHAPE}")


def _saved_activation(layer: dict):
    """A layer's activation as config.json has it: "sigmoid", or {"config": "lenet>scaled_tanh", ...} -> its name."""
    saved = layer["config"].get("activation")
    return saved.get("config") if isinstance(saved, dict) else saved


def _activation(name: str, layer: dict) -> str:
    """The ACTIVATIONS name of a layer's saved activation."""
    saved = _saved_activation(layer)
    if not isinstance(saved, str) or saved not in SAVED_ACTIVATIONS:
        raise Mismatch(f"{name}'s activation {saved!r} is not one of {sorted(ACTIVATIONS)}")
    return SAVED_ACTIVATIONS[saved]


def _names(refs: list) -> list[str]:
    """Keras' [name, node, tensor] references, one or a list of them -> the layer names."""
    return [refs[0]] if refs and isinstance(refs[0], str) else [ref[0] for ref in refs]


def _sources(layer: dict) -> list[str] | None:
    """The layers whose outputs this layer's one call reads; None if it is called more or less than once."""
    nodes = layer.get("inbound_nodes", [])
    if len(nodes) != 1:
        return None
    tensors = [a for a in nodes[0].get("args", []) if isinstance(a, dict)]
    return [t.get("config", {}).get("keras_history", ["?"])[0] for t in tensors]
