package io.tongxin.channel;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a channel type by its wire name ({@code wechat-mp}, ...). */
@Converter
public class ChannelTypeConverter implements AttributeConverter<ChannelType, String> {

    @Override
    public String convertToDatabaseColumn(ChannelType type) {
        return type == null ? null : type.wire();
    }

    @Override
    public ChannelType convertToEntityAttribute(String value) {
        return value == null ? null : ChannelType.fromWire(value);
    }
}
