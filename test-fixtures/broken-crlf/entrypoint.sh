#!/bin/sh
echo "crlf script on $(uname -m)"
