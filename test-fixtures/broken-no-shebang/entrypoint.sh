echo "no shebang on $(uname -m)"
