"""Starting the app on a teacher's computer, Windows, macOS or Linux: `python run.py app | test` in a clone, and
`lenet-lab` once installed. Standard library only, in Python 3.8's syntax: run.py runs before anything is installed,
on whatever Python the computer has, and must live long enough to say which one it needs."""
