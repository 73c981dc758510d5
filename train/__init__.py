"""Train LeNet-5 on MNIST and write the shipped weights and their reports to assets/."""
