"""The classroom lab: pure numeric helpers behind the app's explain / experiment / explore views.

unit        the arithmetic of one unit of any layer, with its receptive field and LaTeX
lesion      the network with C1/C3 maps silenced or C3 connections (Table I) cut
invariance  shifted, scaled, rotated, squeezed, thickened and noisy versions of a drawing
saliency    gradient x input and occlusion maps: which pixels made the answer
untrained   the same architecture with random weights, for comparison

Each computes on the NumPy engine (lenet.engine), without TensorFlow: the gradient with its backward pass,
the untrained weights with its initialisers. No module here imports streamlit.
"""
