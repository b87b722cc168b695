package cn.nianbao.validate;

/** A relation text that is not a well-formed arithmetic relation over datapoint ids. */
public class RelationSyntaxException extends IllegalArgumentException {

    public RelationSyntaxException(String message) {
        super(message);
    }
}
