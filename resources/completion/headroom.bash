# bash completion for headroom.
#
# The binary answers every Tab itself (`headroom __complete WORDS...`): commands, options,
# provider ids, account names and settings keys all come from the one description the
# command line is parsed with, so this file lists none of them. The answer is one candidate
# per line, or ":file" for file names; errors are dropped.

_headroom()
{
    local cur=${COMP_WORDS[COMP_CWORD]}
    local -a candidates
    mapfile -t candidates < <(command "${COMP_WORDS[0]}" __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
    if [[ ${candidates[0]-} == :file ]]; then
        # "--out=" reaches here as the words "--out" "=": complete what follows the '='.
        [[ $cur == = ]] && cur=
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    else
        COMPREPLY=("${candidates[@]}")
    fi
}

complete -F _headroom headroom
