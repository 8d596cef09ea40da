# zsh completion for cognito-creds-publisher: source this file from ~/.zshrc.
# It loads the bash completion script that ships beside it, through zsh's bashcompinit.
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
source "${${(%):-%x}:A:h}/../bash-completion/completions/cognito-creds-publisher"
