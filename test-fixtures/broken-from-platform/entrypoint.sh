#!/bin/sh
echo "script running on $(uname -m)"
